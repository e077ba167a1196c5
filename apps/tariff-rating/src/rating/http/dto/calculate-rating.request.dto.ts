import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiNumber,
  IsOcpiOptional,
  TariffDto,
} from '@voltlane/protocols-ocpi';

/** OCPI 2.2.1 CdrDimensionType values (mod_cdrs), incl. the session-only ones. */
export const CDR_DIMENSION_TYPES = [
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
] as const;

/** OCPI CdrDimension. */
export class RatingDimensionDto {
  @IsIn(CDR_DIMENSION_TYPES)
  type: (typeof CDR_DIMENSION_TYPES)[number];

  @IsOcpiNumber()
  volume: number;
}

/** OCPI ChargingPeriod. */
export class RatingChargingPeriodDto {
  @IsOcpiDateTime()
  start_date_time: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RatingDimensionDto)
  dimensions: RatingDimensionDto[];

  @IsOcpiOptional()
  @IsString()
  @IsOcpiCiString(36)
  tariff_id?: string | null;
}

/** The session to price, shaped like the CDR fields it will end up in. */
export class RatingSessionDto {
  @IsOcpiDateTime()
  start_date_time: string;

  @IsOcpiDateTime()
  end_date_time: string;

  /** IANA time zone of the location (Location.time_zone), e.g. Europe/Berlin. */
  @IsString()
  @MaxLength(255)
  time_zone: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RatingChargingPeriodDto)
  charging_periods: RatingChargingPeriodDto[];

  @IsOcpiOptional()
  @IsBoolean()
  reservation_expired?: boolean | null;
}

/** Body of `POST /v1/rating/calculate`. */
export class CalculateRatingRequestDto {
  @IsObject()
  @ValidateNested()
  @Type(() => TariffDto)
  tariff: TariffDto;

  @IsObject()
  @ValidateNested()
  @Type(() => RatingSessionDto)
  session: RatingSessionDto;
}
