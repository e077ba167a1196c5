import { Inject, Injectable } from '@nestjs/common';
import { SessionEngineEnv } from '../config/session-engine.env';
import type { OcpiSessionContext } from './domain/ocpi-session.mapper';

/** The typed settings the session use cases need, read once from the validated env. */
@Injectable()
export class SessionEngineSettings {
  readonly ocpi: OcpiSessionContext;
  readonly staleGraceMs: number;
  readonly completionDelayMs: number;
  readonly updateMinIntervalMs: number;
  readonly staleSweepIntervalMs: number;
  readonly remoteStartWindowMs: number;

  constructor(@Inject(SessionEngineEnv) env: SessionEngineEnv) {
    this.ocpi = {
      countryCode: env.OCPI_COUNTRY_CODE,
      partyId: env.OCPI_PARTY_ID,
      currency: env.SESSION_CURRENCY,
    };
    this.staleGraceMs = env.SESSION_STALE_GRACE_SECONDS * 1000;
    this.completionDelayMs = env.SESSION_COMPLETION_DELAY_MS;
    this.updateMinIntervalMs = env.SESSION_UPDATE_MIN_INTERVAL_MS;
    this.staleSweepIntervalMs = env.SESSION_STALE_SWEEP_INTERVAL_MS;
    this.remoteStartWindowMs = env.SESSION_REMOTE_START_TIMEOUT_SECONDS * 1000;
  }
}
