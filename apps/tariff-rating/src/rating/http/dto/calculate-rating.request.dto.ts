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
  type CdrDimensionType,
  CdrDimensionTypes,
} from '@voltlane/protocols-ocpi';

/** OCPI CdrDimension. */
export class RatingDimensionDto {
  @IsIn(CdrDimensionTypes)
  type: CdrDimensionType;

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
