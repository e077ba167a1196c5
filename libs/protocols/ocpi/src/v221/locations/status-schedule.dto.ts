import { IsEnum } from 'class-validator';
import { OcpiRule } from '../common/ocpi-fields';
import { IsOcpiDateTime, IsOcpiOptional, ocpiDateTimeToMillis } from '../common/ocpi-validators';
import { EvseStatus } from './location.enums';

/** OCPI 2.2.1 `StatusSchedule` class: a planned (informational) EVSE status period. */
export class StatusScheduleDto {
  @IsOcpiDateTime()
  period_begin: string;

  /** Absent: no known end. */
  @IsOcpiOptional()
  @IsOcpiDateTime()
  @OcpiRule(
    'statusScheduleEndAfterBegin',
    (value, o) =>
      typeof value !== 'string' ||
      typeof o.period_begin !== 'string' ||
      !(ocpiDateTimeToMillis(value) <= ocpiDateTimeToMillis(o.period_begin)),
    'period_end must be later than period_begin',
  )
  period_end?: string | null;

  @IsEnum(EvseStatus)
  status: EvseStatus;
}
