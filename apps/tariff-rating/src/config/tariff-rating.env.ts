import { IsString, IsTimeZone, MinLength } from 'class-validator';
import { BaseServiceEnv, Sensitive } from '@voltlane/platform-core';

/** Environment of tariff-rating, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class TariffRatingEnv extends BaseServiceEnv {
  override PORT: number = 9002;

  /** Operator API key (`Authorization: Bearer <ADMIN_API_KEY>`); at least 24 characters. */
  @Sensitive()
  @IsString()
  @MinLength(24)
  ADMIN_API_KEY: string;

  /**
   * IANA time zone for sessions at locations whose time zone is not known yet (no
   * location.location.upserted.v1 seen): time-of-day restrictions are evaluated in it.
   */
  @IsTimeZone()
  RATING_DEFAULT_TIME_ZONE: string = 'UTC';
}
