import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { ChargingSessions1763856000000 } from './1763856000000-charging-sessions';

/** Every migration of session-engine, in order. */
export const MIGRATIONS = [PlatformTables1763769600000, ChargingSessions1763856000000];
