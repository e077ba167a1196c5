import { defineService } from '@voltlane/platform-runtime';
import { SessionEngineEnv } from './config/session-engine.env';
import { MIGRATIONS } from './migrations';

/** Builds charging sessions from OCPP transaction events; owns sessions and their meter samples. */
export const SERVICE = defineService({
  serviceName: 'session-engine',
  schema: 'session_engine',
  env: SessionEngineEnv,
  migrations: MIGRATIONS,
});
