import { IsString, IsUrl, Matches, MinLength } from 'class-validator';
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
}
