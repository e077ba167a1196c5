import { Type } from 'class-transformer';
import { IsArray, IsEnum, IsInt, IsNumber, IsObject, Min, ValidateNested } from 'class-validator';
import { IsOcpiUrl } from '../common/ocpi-fields';
import { IsOcpiDateTime, IsOcpiNumber, IsOcpiOptional } from '../common/ocpi-validators';
import {
  ChargingProfileResponseType,
  ChargingProfileResultType,
  ChargingRateUnit,
} from './charging-profile.enums';

/** OCPI 2.2.1 `ChargingProfilePeriod` class. */
export class ChargingProfilePeriodDto {
  /** Seconds from the start of the profile; also ends the previous period. */
  @IsInt()
  @Min(0)
  start_period: number;

  /** Rate limit in the profile's unit; at most one decimal (e.g. 8.1). */
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 },
    { message: '$property must be a number with at most one decimal' },
  )
  @Min(0)
  limit: number;
}

/** OCPI 2.2.1 `ChargingProfile` class: maximum power or current over time. */
export class ChargingProfileDto {
  /** Absolute start; absent = relative to the start of charging. */
  @IsOcpiOptional()
  @IsOcpiDateTime()
  start_date_time?: string | null;

  /** Seconds; absent = the last period continues until the session ends. */
  @IsOcpiOptional()
  @IsInt()
  @Min(0)
  duration?: number | null;

  @IsEnum(ChargingRateUnit)
  charging_rate_unit: ChargingRateUnit;

  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  min_charging_rate?: number | null;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChargingProfilePeriodDto)
  charging_profile_period?: ChargingProfilePeriodDto[] | null;
}

/** OCPI 2.2.1 `ActiveChargingProfile` class: the profile the Charge Point calculated. */
export class ActiveChargingProfileDto {
  @IsOcpiDateTime()
  start_date_time: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ChargingProfileDto)
  charging_profile: ChargingProfileDto;
}

/** OCPI 2.2.1 `SetChargingProfile` object: body of `PUT {chargingprofiles}/{session_id}`. */
export class SetChargingProfileDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ChargingProfileDto)
  charging_profile: ChargingProfileDto;

  @IsOcpiUrl()
  response_url: string;
}

/** OCPI 2.2.1 `ChargingProfileResponse` object: the CPO's synchronous answer (GET/PUT/DELETE). */
export class ChargingProfileResponseDto {
  @IsEnum(ChargingProfileResponseType)
  result: ChargingProfileResponseType;

  /** Seconds the Sender waits for the result POST. */
  @IsInt()
  @Min(0)
  timeout: number;
}

/** OCPI 2.2.1 `ActiveChargingProfileResult` object: POSTed to the GET's `response_url`. */
export class ActiveChargingProfileResultDto {
  @IsEnum(ChargingProfileResultType)
  result: ChargingProfileResultType;

  /** The requested profile, when `result` is ACCEPTED. */
  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActiveChargingProfileDto)
  profile?: ActiveChargingProfileDto | null;
}

/** OCPI 2.2.1 `ChargingProfileResult` object: POSTed to the PUT's `response_url`. */
export class ChargingProfileResultDto {
  @IsEnum(ChargingProfileResultType)
  result: ChargingProfileResultType;
}

/**
 * OCPI 2.2.1 `ClearProfileResult` object: POSTed to the DELETE's `response_url`. Same shape as
 * ChargingProfileResult; the receiver tells them apart by the response_url it issued.
 */
export class ClearProfileResultDto {
  @IsEnum(ChargingProfileResultType)
  result: ChargingProfileResultType;
}
