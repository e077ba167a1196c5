import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOcpiRequiredIf, OcpiRule } from '../common/ocpi-fields';
import { IsOcpiDateTime, IsOcpiOptional, ocpiDateTimeToMillis } from '../common/ocpi-validators';

const HOUR_MINUTE = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;

/** OCPI 2.2.1 `RegularHours` class: a weekday period in the Location's local time. */
export class RegularHoursDto {
  /** Monday (1) till Sunday (7). */
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @IsString()
  @Matches(HOUR_MINUTE, { message: '$property must be HH:MM (24h, leading zeros)' })
  period_begin: string;

  @IsString()
  @Matches(HOUR_MINUTE, { message: '$property must be HH:MM (24h, leading zeros)' })
  @OcpiRule(
    'regularPeriodEndAfterBegin',
    (value, o) =>
      typeof value !== 'string' || typeof o.period_begin !== 'string' || value > o.period_begin,
    'period_end must be later than period_begin',
  )
  period_end: string;
}

/** OCPI 2.2.1 `ExceptionalPeriod` class: UTC DateTimes. */
export class ExceptionalPeriodDto {
  @IsOcpiDateTime()
  period_begin: string;

  @IsOcpiDateTime()
  @OcpiRule(
    'exceptionalPeriodEndAfterBegin',
    (value, o) =>
      typeof value !== 'string' ||
      typeof o.period_begin !== 'string' ||
      !(ocpiDateTimeToMillis(value) <= ocpiDateTimeToMillis(o.period_begin)),
    'period_end must be later than period_begin',
  )
  period_end: string;
}

/** OCPI 2.2.1 `Hours` class: opening/access hours of a Location. */
export class HoursDto {
  @IsBoolean()
  twentyfourseven: boolean;

  /** Only with `twentyfourseven=false`, and then at least one entry. */
  @IsOcpiRequiredIf(
    (o) => o.twentyfourseven === false,
    'regular_hours must contain at least one entry when twentyfourseven is false',
  )
  @OcpiRule(
    'regularHoursNotEmpty',
    (value, o) => o.twentyfourseven !== false || !Array.isArray(value) || value.length > 0,
    'regular_hours must contain at least one entry when twentyfourseven is false',
  )
  @OcpiRule(
    'noRegularHoursWhenTwentyFourSeven',
    (value, o) => o.twentyfourseven !== true || !Array.isArray(value) || value.length === 0,
    'regular_hours may only be used when twentyfourseven is false',
  )
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RegularHoursDto)
  regular_hours?: RegularHoursDto[] | null;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExceptionalPeriodDto)
  exceptional_openings?: ExceptionalPeriodDto[] | null;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExceptionalPeriodDto)
  exceptional_closings?: ExceptionalPeriodDto[] | null;
}
