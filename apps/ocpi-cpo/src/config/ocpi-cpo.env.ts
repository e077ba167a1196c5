import { IsInt, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseServiceEnv, Sensitive } from '@voltlane/platform-core';

/** Environment of ocpi-cpo, validated at start-up: a bad or missing variable exits 78 listing all of them. */
export class OcpiCpoEnv extends BaseServiceEnv {
  override PORT: number = 9100;

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
  OCPI_BUSINESS_NAME: string = 'Voltlane CPO';

  /** Bound of one real-time authorization call to an eMSP (`POST tokens/{uid}/authorize`). */
  @IsInt()
  @Min(100)
  @Max(30_000)
  OCPI_REALTIME_AUTHORIZATION_TIMEOUT_MS: number = 2_000;

  /** CommandResponse/ChargingProfileResponse `timeout`: seconds until a TIMEOUT result is sent. */
  @IsInt()
  @Min(5)
  @Max(600)
  OCPI_COMMAND_TIMEOUT_SECONDS: number = 30;

  /** How often the sweeper looks for commands whose station did not answer in time. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  OCPI_COMMAND_SWEEP_INTERVAL_MS: number = 1_000;
}
