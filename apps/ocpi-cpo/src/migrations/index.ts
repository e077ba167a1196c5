import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { OcpiCoreTables1763856000000 } from './1763856000000-ocpi-core-tables';
import { LocationsTariffsPushQueue1763900000000 } from './1763900000000-locations-tariffs-push-queue';
import { SessionsCdrs1763900100000 } from './1763900100000-sessions-cdrs';
import { TokensCommands1763900200000 } from './1763900200000-tokens-commands';

/** Every migration of ocpi-cpo, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  OcpiCoreTables1763856000000,
  LocationsTariffsPushQueue1763900000000,
  SessionsCdrs1763900100000,
  TokensCommands1763900200000,
];
