import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { OcpiCoreTables1763856000000 } from './1763856000000-ocpi-core-tables';
import { EmspReceiversTokens1763900300000 } from './1763900300000-emsp-receivers-tokens';
import { EmspCommandsSync1763900400000 } from './1763900400000-emsp-commands-sync';
import { DriverApi1763900500000 } from './1763900500000-driver-api';

/** Every migration of ocpi-emsp, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  OcpiCoreTables1763856000000,
  EmspReceiversTokens1763900300000,
  EmspCommandsSync1763900400000,
  DriverApi1763900500000,
];
