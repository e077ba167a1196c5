import { PlatformTables1763769600000 } from './1763769600000-platform-tables';
import { ChargingSessions1763856000000 } from './1763856000000-charging-sessions';
import { SessionTraceContext1764201600000 } from './1764201600000-session-trace-context';
import { RemoteStartsAndLocations1764115200000 } from './1764115200000-remote-starts-and-locations';
import { KnownTokens1764400000000 } from './1764400000000-known-tokens';

/** Every migration of session-engine, in order. */
export const MIGRATIONS = [
  PlatformTables1763769600000,
  ChargingSessions1763856000000,
  RemoteStartsAndLocations1764115200000,
  SessionTraceContext1764201600000,
  KnownTokens1764400000000,
];
