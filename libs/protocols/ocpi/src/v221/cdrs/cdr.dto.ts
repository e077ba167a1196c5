import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { PriceDto } from '../common/price.dto';
import {
  IsOcpiCountryAlpha3,
  IsOcpiCountryCode,
  IsOcpiCurrency,
  IsOcpiId,
  IsOcpiPartyId,
  IsOcpiRequiredIf,
  OcpiRule,
} from '../common/ocpi-fields';
import {
  composeOcpi,
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiNumber,
  IsOcpiOptional,
  IsOcpiString,
} from '../common/ocpi-validators';
import { GeoLocationDto } from '../locations/geo-location.dto';
import { ConnectorFormat, ConnectorType, PowerType } from '../locations/location.enums';
import {
  AuthMethods,
  CdrDimensionTypes,
  SESSION_ONLY_DIMENSIONS,
  TokenTypes,
  type AuthMethod,
  type CdrDimensionType,
  type TokenType,
} from '../sessions/session.enums';
import { TariffDto } from '../tariffs/tariff.dto';

/** The OCPI "no data available" marker, allowed in required CdrLocation EVSE/connector fields. */
export const OCPI_NOT_AVAILABLE = '#NA';

/** Dimension types a CDR may carry (the Session-only ones excluded, mod_cdrs CdrDimensionType). */
export const CDR_DIMENSION_TYPES: readonly CdrDimensionType[] = CdrDimensionTypes.filter(
  (type) => !SESSION_ONLY_DIMENSIONS.includes(type),
);

/** OCPI 2.2.1 `CdrDimension` class inside a CDR: Session-only types are rejected. */
export class CdrDimensionDto {
  @IsIn(CDR_DIMENSION_TYPES, {
    message: `$property must be one of ${CDR_DIMENSION_TYPES.join(', ')} (CURRENT, ENERGY_EXPORT, ENERGY_IMPORT, POWER and STATE_OF_CHARGE are Session-only)`,
  })
  type: CdrDimensionType;

  @IsOcpiNumber()
  volume: number;
}

/** OCPI 2.2.1 `ChargingPeriod` class inside a CDR. */
export class CdrChargingPeriodDto {
  @IsOcpiDateTime()
  start_date_time: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CdrDimensionDto)
  dimensions: CdrDimensionDto[];

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  tariff_id?: string | null;
}

/** OCPI 2.2.1 `CdrToken` class: the token that started the session. */
export class CdrTokenDto {
  @IsOcpiCountryCode()
  country_code: string;

  @IsOcpiPartyId()
  party_id: string;

  @IsOcpiId(36)
  uid: string;

  @IsIn(TokenTypes)
  type: TokenType;

  @IsOcpiId(36)
  contract_id: string;
}

/** OCPI 2.2.1 `CdrLocation` class: the Location, EVSE and Connector as at session start. */
export class CdrLocationDto {
  @IsOcpiId(36)
  id: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  name?: string | null;

  /** string(45) here, although Location.address is string(255). */
  @IsString()
  @IsOcpiString(45)
  address: string;

  @IsString()
  @IsOcpiString(45)
  city: string;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(10)
  postal_code?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(20)
  state?: string | null;

  @IsOcpiCountryAlpha3()
  country: string;

  @IsObject()
  @ValidateNested()
  @Type(() => GeoLocationDto)
  coordinates: GeoLocationDto;

  /** May be `#NA` for a reservation that never became a session (also evse_id, connector_*). */
  @IsOcpiId(36)
  evse_uid: string;

  @IsOcpiId(48)
  evse_id: string;

  @IsOcpiId(36)
  connector_id: string;

  @IsIn([...Object.values(ConnectorType), OCPI_NOT_AVAILABLE])
  connector_standard: ConnectorType | typeof OCPI_NOT_AVAILABLE;

  @IsIn([...Object.values(ConnectorFormat), OCPI_NOT_AVAILABLE])
  connector_format: ConnectorFormat | typeof OCPI_NOT_AVAILABLE;

  @IsIn([...Object.values(PowerType), OCPI_NOT_AVAILABLE])
  connector_power_type: PowerType | typeof OCPI_NOT_AVAILABLE;
}

/** OCPI 2.2.1 `SignedValue` class. */
export class SignedValueDto {
  /** e.g. Start, End, Intermediate. */
  @IsOcpiId(32)
  nature: string;

  @IsString()
  @IsOcpiString(5000)
  plain_data: string;

  /** Base64. */
  @IsString()
  @IsOcpiString(5000)
  signed_data: string;
}

/** OCPI 2.2.1 `SignedData` class: calibration-law signed meter data. */
export class SignedDataDto {
  /** e.g. OCMF. */
  @IsOcpiId(36)
  encoding_method: string;

  @IsOcpiOptional()
  @IsInt()
  encoding_method_version?: number | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(512)
  public_key?: string | null;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SignedValueDto)
  signed_values: SignedValueDto[];

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(512)
  url?: string | null;
}

const Price = (): PropertyDecorator =>
  composeOcpi(
    IsObject(),
    ValidateNested(),
    Type(() => PriceDto),
  );

/**
 * OCPI 2.2.1 `CDR` object (mod_cdrs, CDR Object), validating: `id` CiString(39) but at most 36 for
 * a non-credit CDR; `credit=true` ⇒ `credit_reference_id`; Session-only dimensions rejected.
 * The plain `OcpiCdr` interface (cdr.types.ts) stays the shape cdr-billing builds.
 */
export class CdrDto {
  @IsOcpiCountryCode()
  country_code: string;

  @IsOcpiPartyId()
  party_id: string;

  @IsOcpiId(39)
  @OcpiRule(
    'nonCreditCdrIdLength',
    (value, o) => o.credit === true || typeof value !== 'string' || value.length <= 36,
    'id must be at most 36 characters for a non-credit CDR (39 only for credit CDRs)',
  )
  id: string;

  @IsOcpiDateTime()
  start_date_time: string;

  @IsOcpiDateTime()
  end_date_time: string;

  @IsOcpiOptional()
  @IsOcpiId(36)
  session_id?: string | null;

  @IsObject()
  @ValidateNested()
  @Type(() => CdrTokenDto)
  cdr_token: CdrTokenDto;

  @IsIn(AuthMethods)
  auth_method: AuthMethod;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  authorization_reference?: string | null;

  @IsObject()
  @ValidateNested()
  @Type(() => CdrLocationDto)
  cdr_location: CdrLocationDto;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  meter_id?: string | null;

  @IsOcpiCurrency()
  currency: string;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TariffDto)
  tariffs?: TariffDto[] | null;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CdrChargingPeriodDto)
  charging_periods: CdrChargingPeriodDto[];

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SignedDataDto)
  signed_data?: SignedDataDto | null;

  @Price()
  total_cost: PriceDto;

  @IsOcpiOptional()
  @Price()
  total_fixed_cost?: PriceDto | null;

  /** kWh. */
  @IsOcpiNumber()
  total_energy: number;

  @IsOcpiOptional()
  @Price()
  total_energy_cost?: PriceDto | null;

  /** Hours, charging and not charging. */
  @IsOcpiNumber()
  @Min(0)
  total_time: number;

  @IsOcpiOptional()
  @Price()
  total_time_cost?: PriceDto | null;

  /** Hours. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  total_parking_time?: number | null;

  @IsOcpiOptional()
  @Price()
  total_parking_cost?: PriceDto | null;

  @IsOcpiOptional()
  @Price()
  total_reservation_cost?: PriceDto | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  remark?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(39)
  invoice_reference_id?: string | null;

  @IsOcpiOptional()
  @IsBoolean()
  credit?: boolean | null;

  /** Required for a credit CDR: the id of the CDR it credits; only on credit CDRs. */
  @IsOcpiRequiredIf((o) => o.credit === true, 'credit_reference_id is required when credit is true')
  @IsOcpiId(39)
  @OcpiRule(
    'creditReferenceOnlyOnCredit',
    (_value, o) => o.credit === true,
    'credit_reference_id may only be set on a credit CDR (credit: true)',
  )
  credit_reference_id?: string | null;

  @IsOcpiOptional()
  @IsBoolean()
  home_charging_compensation?: boolean | null;

  @IsOcpiDateTime()
  last_updated: string;
}
