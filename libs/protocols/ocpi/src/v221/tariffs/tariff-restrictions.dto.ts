import { IsArray, IsEnum, IsInt, IsString, Matches, Min } from 'class-validator';
import { IsOcpiNumber, IsOcpiOptional } from '../common/ocpi-validators';
import { DayOfWeek, ReservationRestrictionType } from './tariff-enums';

/** `HH:MM`, 24h with leading zeros (TariffRestrictions.start_time regex). */
export const OCPI_TIME_OF_DAY_PATTERN = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;
/** `YYYY-MM-DD` (TariffRestrictions.start_date regex). */
export const OCPI_DATE_PATTERN = /^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** OCPI 2.2.1 `TariffRestrictions` class: when a TariffElement is active (all set fields AND). */
export class TariffRestrictionsDto {
  /** Local time of day from which the element is valid, e.g. `13:30`. */
  @IsOcpiOptional()
  @IsString()
  @Matches(OCPI_TIME_OF_DAY_PATTERN, { message: '$property must be HH:MM (24h, leading zeros)' })
  start_time?: string | null;

  /** Local time of day until which the element is valid; < start_time wraps past midnight. */
  @IsOcpiOptional()
  @IsString()
  @Matches(OCPI_TIME_OF_DAY_PATTERN, { message: '$property must be HH:MM (24h, leading zeros)' })
  end_time?: string | null;

  /** Local date from which the element is valid (inclusive). */
  @IsOcpiOptional()
  @IsString()
  @Matches(OCPI_DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' })
  start_date?: string | null;

  /** Local date until which the element is valid (exclusive). */
  @IsOcpiOptional()
  @IsString()
  @Matches(OCPI_DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' })
  end_date?: string | null;

  /** Valid from this amount of energy (kWh, inclusive). */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  min_kwh?: number | null;

  /** Valid until this amount of energy (kWh, exclusive). */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  max_kwh?: number | null;

  /** Active while the current (A, sum over phases) is at least this. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  min_current?: number | null;

  /** Active while the current (A, sum over phases) is below this. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  max_current?: number | null;

  /** Active while the power (kW) is at least this. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  min_power?: number | null;

  /** Active while the power (kW) is below this. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  max_power?: number | null;

  /** Active once the session has lasted this many seconds (inclusive). */
  @IsOcpiOptional()
  @IsInt()
  @Min(0)
  min_duration?: number | null;

  /** Active until the session has lasted this many seconds (exclusive). */
  @IsOcpiOptional()
  @IsInt()
  @Min(0)
  max_duration?: number | null;

  /** Days of the week (local) on which the element is active. */
  @IsOcpiOptional()
  @IsArray()
  @IsEnum(DayOfWeek, { each: true })
  day_of_week?: DayOfWeek[] | null;

  /** Present: the element describes reservation costs. */
  @IsOcpiOptional()
  @IsEnum(ReservationRestrictionType)
  reservation?: ReservationRestrictionType | null;
}
