import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { BaseServiceEnv, Sensitive } from '@voltlane/platform-core';

/** Environment of ocpi-emsp, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class OcpiEmspEnv extends BaseServiceEnv {
  override PORT: number = 9200;

  /** Operator API key (`Authorization: Bearer <ADMIN_API_KEY>`); at least 24 characters. */
  @Sensitive()
  @IsString()
  @MinLength(24)
  ADMIN_API_KEY: string;

  /** ISO-3166 alpha-2 country code of our own OCPI party. */
  @Matches(/^[A-Z]{2}$/, {
    message: '$property must be two upper-case letters (ISO 3166-1 alpha-2)',
  })
  OCPI_COUNTRY_CODE: string;

  /** Our own OCPI party id (ISO 15118 / eMI3: three upper-case alphanumerics). */
  @Matches(/^[A-Z0-9]{3}$/, { message: '$property must be three upper-case letters or digits' })
  OCPI_PARTY_ID: string;

  /** Public base URL partners reach this service at (versions URLs are built from it). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OCPI_PUBLIC_URL: string;

  /** Business name in our OCPI CredentialsRole (`business_details.name`). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  OCPI_BUSINESS_NAME: string = 'Voltlane eMSP';

  /** Commands (ADR 0071): seconds we wait beyond the CPO's CommandResponse `timeout` for its result. */
  @IsInt()
  @Min(0)
  @Max(3600)
  OCPI_COMMAND_RESULT_GRACE_SECONDS: number = 10;

  /** Commands (ADR 0071): how often each replica marks overdue commands TIMEOUT (ms). */
  @IsInt()
  @Min(100)
  @Max(600_000)
  OCPI_COMMAND_SWEEP_INTERVAL_MS: number = 1_000;

  /** Pull sync (ADR 0071): seconds between two GET syncs of one CPO partner (+ up to 10 % jitter). */
  @IsInt()
  @Min(1)
  @Max(604_800)
  OCPI_PULL_SYNC_INTERVAL_SECONDS: number = 3_600;

  /** Pull sync (ADR 0071): how often each replica looks for partners due for a sync (ms). */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OCPI_PULL_SYNC_CHECK_INTERVAL_MS: number = 30_000;

  /**
   * Driver API (ADR 0072): the app backend's key (`Authorization: Bearer <DRIVER_API_KEY>` on
   * `/api/v1`), at least 24 characters, separate from the operator key. Unset: the driver API
   * answers 401 to every call.
   */
  @Sensitive()
  @IsOptional()
  @IsString()
  @MinLength(24)
  DRIVER_API_KEY?: string;
}
