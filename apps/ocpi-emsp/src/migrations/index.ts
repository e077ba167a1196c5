import { PlatformTables1763769600000 } from './1763769600000-platform-tables';

/** Every migration of ocpi-emsp, in order. */
export const MIGRATIONS = [PlatformTables1763769600000];
