import { BaseServiceEnv } from '@voltlane/platform-core';

/** Environment of session-engine, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class SessionEngineEnv extends BaseServiceEnv {
  override PORT: number = 9001;
}
