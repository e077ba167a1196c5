import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { Tariffs1763856000000 } from './1763856000000-tariffs';
import { TariffAssignments1763856000001 } from './1763856000001-tariff-assignments';
import { SessionRating1763856000002 } from './1763856000002-session-rating';
import { SessionCosts1763856000003 } from './1763856000003-session-costs';

/** Every migration of tariff-rating, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  Tariffs1763856000000,
  TariffAssignments1763856000001,
  SessionRating1763856000002,
  SessionCosts1763856000003,
];
