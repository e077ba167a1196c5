import {
  IsISO4217CurrencyCode,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { BaseServiceEnv, Sensitive } from '@voltlane/platform-core';

/** Environment of session-engine, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class SessionEngineEnv extends BaseServiceEnv {
  override PORT: number = 9001;

  /** Operator API key (`Authorization: Bearer <ADMIN_API_KEY>`); at least 24 characters. */
  @Sensitive()
  @IsString()
  @MinLength(24)
  ADMIN_API_KEY: string;

  /** Our CPO's OCPI country code: `country_code` of every Session object. */
  @Matches(/^[A-Z]{2}$/, { message: '$property must be an upper-case ISO 3166-1 alpha-2 code' })
  OCPI_COUNTRY_CODE: string;

  /** Our CPO's OCPI party id: `party_id` of every Session object. */
  @Matches(/^[A-Z0-9]{3}$/, { message: '$property must be 3 upper-case letters or digits' })
  OCPI_PARTY_ID: string;

  /** ISO 4217 `currency` of Session objects. */
  @IsISO4217CurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an upper-case ISO 4217 code' })
  SESSION_CURRENCY: string = 'EUR';

  /**
   * Stale-transaction policy: how long a session stays open after a station boot, its connector
   * becoming Available or a newer transaction on its connector, waiting for a replayed
   * StopTransaction, before it is closed with its last meter reading (docs/adr/0031).
   */
  @IsInt()
  @Min(0)
  @Max(7 * 86_400)
  SESSION_STALE_GRACE_SECONDS: number = 900;

  /**
   * Settle delay between a StopTransaction and the completed session: meter values sent before the
   * stop travel on another topic and may still be on their way (docs/adr/0031). 0 completes at once.
   */
  @IsInt()
  @Min(0)
  @Max(600_000)
  SESSION_COMPLETION_DELAY_MS: number = 5_000;

  /**
   * At most one `session.charging-session.updated` per session per interval (meter values in
   * between are stored and applied; the next update or the completed event carries them). 0
   * publishes every change.
   */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  SESSION_UPDATE_MIN_INTERVAL_MS: number = 15_000;

  /**
   * How long a remote-started session stays PENDING waiting for the station's StartTransaction
   * before it becomes INVALID (docs/adr/0032).
   */
  @IsInt()
  @Min(1)
  @Max(86_400)
  SESSION_REMOTE_START_TIMEOUT_SECONDS: number = 180;

  /** How often the sweeper completes due sessions (held stops, stale sessions past their grace). */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  SESSION_STALE_SWEEP_INTERVAL_MS: number = 1_000;
}
