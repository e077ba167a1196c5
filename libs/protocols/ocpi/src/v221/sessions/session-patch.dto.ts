import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsString, Min, ValidateNested } from 'class-validator';
import { IsOcpiCountryCode, IsOcpiCurrency, IsOcpiId, IsOcpiPartyId } from '../common/ocpi-fields';
import {
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiNumber,
  IsOcpiOptional,
  IsOcpiString,
} from '../common/ocpi-validators';
import { PriceDto } from '../common/price.dto';
import { CdrTokenDto } from '../cdrs/cdr.dto';
import { OcpiChargingPeriod } from './session.dto';
import { AuthMethods, SessionStatuses, type AuthMethod, type SessionStatus } from './session.enums';

/**
 * PATCH body of a Session (mod_sessions, PATCH Method): every field optional, `last_updated`
 * required; `charging_periods` are appended by `applyOcpiPatch` (replacing them needs a PUT).
 * Identifiers may be repeated but not changed. `evse_uid`/`connector_id` may be `#NA` (reservation).
 */
export class SessionPatchDto {
  @IsOcpiOptional()
  @IsOcpiCountryCode()
  country_code?: string;

  @IsOcpiOptional()
  @IsOcpiPartyId()
  party_id?: string;

  @IsOcpiOptional()
  @IsOcpiId(36)
  id?: string;

  @IsOcpiOptional()
  @IsOcpiDateTime()
  start_date_time?: string;

  @IsOcpiOptional()
  @IsOcpiDateTime()
  end_date_time?: string | null;

  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  kwh?: number;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CdrTokenDto)
  cdr_token?: CdrTokenDto;

  @IsOcpiOptional()
  @IsIn(AuthMethods)
  auth_method?: AuthMethod;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  authorization_reference?: string | null;

  @IsOcpiOptional()
  @IsOcpiId(36)
  location_id?: string;

  @IsOcpiOptional()
  @IsOcpiId(36)
  evse_uid?: string;

  @IsOcpiOptional()
  @IsOcpiId(36)
  connector_id?: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  meter_id?: string | null;

  @IsOcpiOptional()
  @IsOcpiCurrency()
  currency?: string;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OcpiChargingPeriod)
  charging_periods?: OcpiChargingPeriod[] | null;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceDto)
  total_cost?: PriceDto | null;

  @IsOcpiOptional()
  @IsIn(SessionStatuses)
  status?: SessionStatus;

  @IsOcpiDateTime()
  last_updated: string;
}
