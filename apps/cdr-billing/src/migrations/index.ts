import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { Cdrs1764028800000 } from './1764028800000-cdrs';

/** Every migration of cdr-billing, in order. */
export const MIGRATIONS = [PlatformTables1763769600000, Cdrs1764028800000];
