import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AuthMethods,
  CdrDimensionTypes,
  SessionStatuses,
  TokenTypes,
  type AuthMethod,
  type CdrDimensionType,
  type SessionStatus,
  type TokenType,
} from './session.enums';

/**
 * OCPI 2.2.1 Session module objects as class-validator DTOs, with the spec's field names and length
 * limits (`CiString(n)` = printable ASCII, at most n characters).
 */

const CI_STRING = (max: number) => new RegExp(`^[\\x20-\\x7E]{0,${max}}$`);
const NUMBER = { allowNaN: false, allowInfinity: false } as const;

/** OCPI `Price`: an amount excluding and (optionally) including VAT. */
export class OcpiSessionPrice {
  @IsNumber(NUMBER)
  excl_vat: number;

  @IsOptional()
  @IsNumber(NUMBER)
  incl_vat?: number;
}

/** OCPI `CdrDimension`: one measured value of a charging period. */
export class OcpiCdrDimension {
  @IsIn(CdrDimensionTypes)
  type: CdrDimensionType;

  @IsNumber(NUMBER)
  volume: number;
}

/** OCPI `ChargingPeriod`: from `start_date_time` until the next period starts (or the session ends). */
export class OcpiChargingPeriod {
  @IsISO8601({ strict: true })
  start_date_time: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OcpiCdrDimension)
  dimensions: OcpiCdrDimension[];

  @IsOptional()
  @IsString()
  @Matches(CI_STRING(36))
  tariff_id?: string;
}

/** OCPI `CdrToken`: the token that started the session. */
export class OcpiCdrToken {
  @Matches(/^[A-Z]{2}$/)
  country_code: string;

  @Matches(/^[A-Z0-9]{3}$/)
  party_id: string;

  @IsString()
  @Matches(CI_STRING(36))
  uid: string;

  @IsIn(TokenTypes)
  type: TokenType;

  @IsString()
  @Matches(CI_STRING(36))
  contract_id: string;
}

/** OCPI 2.2.1 `Session` object. */
export class OcpiSession {
  @Matches(/^[A-Z]{2}$/)
  country_code: string;

  @Matches(/^[A-Z0-9]{3}$/)
  party_id: string;

  @IsString()
  @Matches(CI_STRING(36))
  id: string;

  @IsISO8601({ strict: true })
  start_date_time: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  end_date_time?: string;

  @IsNumber(NUMBER)
  @Min(0)
  kwh: number;

  @ValidateNested()
  @Type(() => OcpiCdrToken)
  cdr_token: OcpiCdrToken;

  @IsIn(AuthMethods)
  auth_method: AuthMethod;

  @IsOptional()
  @IsString()
  @Matches(CI_STRING(36))
  authorization_reference?: string;

  @IsString()
  @Matches(CI_STRING(36))
  location_id: string;

  @IsString()
  @Matches(CI_STRING(36))
  evse_uid: string;

  @IsString()
  @Matches(CI_STRING(36))
  connector_id: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  meter_id?: string;

  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OcpiChargingPeriod)
  charging_periods?: OcpiChargingPeriod[];

  @IsOptional()
  @ValidateNested()
  @Type(() => OcpiSessionPrice)
  total_cost?: OcpiSessionPrice;

  @IsIn(SessionStatuses)
  status: SessionStatus;

  @IsISO8601({ strict: true })
  last_updated: string;
}
