import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { Cdrs1764028800000 } from './1764028800000-cdrs';
import { TariffVersions1764115200000 } from './1764115200000-tariff-versions';
import { Invoices1764300000000 } from './1764300000000-invoices';

/** Every migration of cdr-billing, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  Cdrs1764028800000,
  TariffVersions1764115200000,
  Invoices1764300000000,
];
