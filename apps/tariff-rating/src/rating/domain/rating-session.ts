import { isKnownTimeZone } from './local-clock';
import { parseUtc } from './compiled-tariff';
import { ENERGY_UNITS_PER_KWH, TIME_UNITS_PER_HOUR, toUnits } from './rating-decimal';
import { InvalidRatingInputError } from './rating.errors';

/** OCPI CdrDimension as the engine reads it. */
export interface DimensionInput {
  readonly type: string;
  readonly volume: number;
}

/** OCPI ChargingPeriod as the engine reads it. */
export interface ChargingPeriodInput {
  readonly start_date_time: string;
  readonly dimensions: readonly DimensionInput[];
  readonly tariff_id?: string | null;
}

/** The session to price: CDR-like start/end, the location's time zone and charging periods. */
export interface RatingSessionInput {
  readonly start_date_time: string;
  readonly end_date_time: string;
  /** IANA zone in which start_time/end_time, dates and day_of_week are evaluated. */
  readonly time_zone: string;
  readonly charging_periods: readonly ChargingPeriodInput[];
  /** A reservation that expired without a charging session (RESERVATION_EXPIRES applies). */
  readonly reservation_expired?: boolean | null;
}

/** One charging period, parsed: instants in epoch ms, volumes in integer units (mWh, ms). */
export interface ParsedPeriod {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** True when the period carries RESERVATION_TIME: only reservation elements price it. */
  readonly reservation: boolean;
  /** mWh. */
  readonly energy: number;
  /** ms. */
  readonly time: number;
  readonly parkingTime: number;
  readonly reservationTime: number;
  readonly hasTimeDimension: boolean;
  readonly minCurrent?: number;
  readonly maxCurrent?: number;
  readonly minPower?: number;
  readonly maxPower?: number;
}

export interface ParsedSession {
  readonly start: number;
  readonly end: number;
  readonly timeZone: string;
  readonly reservationExpired: boolean;
  readonly periods: readonly ParsedPeriod[];
  /** Start of the first non-reservation period (the charging session proper). */
  readonly chargingStart: number;
}

export function parseSession(input: RatingSessionInput): ParsedSession {
  const start = parseUtc(input.start_date_time);
  const end = parseUtc(input.end_date_time);
  const violations: string[] = [];
  if (end < start) violations.push('session.end_date_time: must not be before start_date_time');
  if (!isKnownTimeZone(input.time_zone)) {
    violations.push(`session.time_zone: unknown IANA time zone "${input.time_zone}"`);
  }
  const starts = input.charging_periods.map((p) => parseUtc(p.start_date_time));
  starts.forEach((s, i) => {
    const field = `session.charging_periods[${i}].start_date_time`;
    if (s < start) violations.push(`${field}: must not be before the session start_date_time`);
    else if (s > end) violations.push(`${field}: must not be after the session end_date_time`);
    else if (i > 0 && s < starts[i - 1]) {
      violations.push(`${field}: must not be before the previous period's start_date_time`);
    }
  });
  if (violations.length > 0) {
    throw new InvalidRatingInputError('The session cannot be priced', violations);
  }

  const periods = input.charging_periods.map((p, i) =>
    parsePeriod(p, i, starts[i], i + 1 < starts.length ? starts[i + 1] : end),
  );
  const firstCharging = periods.find((p) => !p.reservation);
  return {
    start,
    end,
    timeZone: input.time_zone,
    reservationExpired: input.reservation_expired === true,
    periods,
    chargingStart: firstCharging ? firstCharging.start : start,
  };
}

function parsePeriod(
  p: ChargingPeriodInput,
  index: number,
  start: number,
  end: number,
): ParsedPeriod {
  let energy = 0;
  let time = 0;
  let parkingTime = 0;
  let reservationTime = 0;
  let reservation = false;
  let hasTimeDimension = false;
  let minCurrent: number | undefined;
  let maxCurrent: number | undefined;
  let avgCurrent: number | undefined;
  let minPower: number | undefined;
  let maxPower: number | undefined;
  let avgPower: number | undefined;
  for (const d of p.dimensions) {
    switch (d.type) {
      case 'ENERGY':
        energy += toUnits(d.volume, ENERGY_UNITS_PER_KWH);
        break;
      case 'TIME':
        time += toUnits(d.volume, TIME_UNITS_PER_HOUR);
        hasTimeDimension = true;
        break;
      case 'PARKING_TIME':
        parkingTime += toUnits(d.volume, TIME_UNITS_PER_HOUR);
        hasTimeDimension = true;
        break;
      case 'RESERVATION_TIME':
        reservationTime += toUnits(d.volume, TIME_UNITS_PER_HOUR);
        reservation = true;
        break;
      case 'MIN_CURRENT':
        minCurrent = d.volume;
        break;
      case 'MAX_CURRENT':
        maxCurrent = d.volume;
        break;
      case 'CURRENT':
        avgCurrent = d.volume;
        break;
      case 'MIN_POWER':
        minPower = d.volume;
        break;
      case 'MAX_POWER':
        maxPower = d.volume;
        break;
      case 'POWER':
        avgPower = d.volume;
        break;
      default:
        break; // STATE_OF_CHARGE, ENERGY_IMPORT/EXPORT: not priced
    }
  }
  // Without measured power, the period's average power (energy / charging time, kW) stands in.
  if (avgPower === undefined && minPower === undefined && maxPower === undefined) {
    if (energy > 0 && time > 0) {
      avgPower = energy / ENERGY_UNITS_PER_KWH / (time / TIME_UNITS_PER_HOUR);
    }
  }
  return {
    index,
    start,
    end,
    reservation,
    energy,
    time,
    parkingTime,
    reservationTime,
    hasTimeDimension,
    minCurrent: minCurrent ?? maxCurrent ?? avgCurrent,
    maxCurrent: maxCurrent ?? minCurrent ?? avgCurrent,
    minPower: minPower ?? maxPower ?? avgPower,
    maxPower: maxPower ?? minPower ?? avgPower,
  };
}
