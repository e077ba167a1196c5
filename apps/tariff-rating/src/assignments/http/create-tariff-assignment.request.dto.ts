import { IsString, Matches, ValidateIf } from 'class-validator';
import { IsOcpiCiString, IsOcpiDateTime, IsOcpiOptional } from '@voltlane/protocols-ocpi';

/** Body of `POST /v1/tariff-assignments`. Without emsp_* fields: the connector's default. */
export class CreateTariffAssignmentRequestDto {
  @IsString()
  @IsOcpiCiString(36)
  @Matches(/\S/, { message: '$property must not be empty' })
  location_id: string;

  @IsString()
  @IsOcpiCiString(36)
  @Matches(/\S/, { message: '$property must not be empty' })
  evse_uid: string;

  @IsString()
  @IsOcpiCiString(36)
  @Matches(/\S/, { message: '$property must not be empty' })
  connector_id: string;

  /** The tariff (one of ours, see /v1/tariffs). */
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO-3166 alpha-2 country code' })
  tariff_country_code: string;

  @IsString()
  @Matches(/^[A-Za-z0-9]{3}$/, { message: '$property must be 3 letters or digits' })
  tariff_party_id: string;

  @IsString()
  @IsOcpiCiString(36)
  tariff_id: string;

  /** The eMSP party whose roaming contract this price is (both or neither). */
  @ValidateIf(
    (o: CreateTariffAssignmentRequestDto) => o.emsp_party_id != null || o.emsp_country_code != null,
  )
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO-3166 alpha-2 country code' })
  emsp_country_code?: string | null;

  @ValidateIf(
    (o: CreateTariffAssignmentRequestDto) => o.emsp_party_id != null || o.emsp_country_code != null,
  )
  @IsString()
  @Matches(/^[A-Za-z0-9]{3}$/, { message: '$property must be 3 letters or digits' })
  emsp_party_id?: string | null;

  /** Inclusive. */
  @IsOcpiOptional()
  @IsOcpiDateTime()
  valid_from?: string | null;

  /** Exclusive. */
  @IsOcpiOptional()
  @IsOcpiDateTime()
  valid_to?: string | null;
}
