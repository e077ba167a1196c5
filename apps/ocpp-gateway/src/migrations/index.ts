import { PlatformTables1763769600000 } from './1763769600000-platform-tables';

/** Every migration of ocpp-gateway, in order. */
export const MIGRATIONS = [PlatformTables1763769600000];
