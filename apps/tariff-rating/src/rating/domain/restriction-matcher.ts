import type { CompiledRestrictions } from './compiled-tariff';
import type { SegmentState } from './session-segmenter';

/**
 * Whether a TariffElement's restrictions (all of them: logical AND) hold for a segment.
 * `reservation` is not checked here: the caller picks the candidate elements by reservation kind.
 */
export function restrictionsMatch(r: CompiledRestrictions | null, s: SegmentState): boolean {
  if (!r) return true;
  const local = s.local;
  if (local) {
    if (!timeOfDayMatches(r.startTime, r.endTime, local.msOfDay)) return false;
    if (r.startDate !== undefined && local.day < r.startDate) return false;
    if (r.endDate !== undefined && local.day >= r.endDate) return false;
    if (r.daysOfWeek && !r.daysOfWeek.has(local.isoWeekday)) return false;
  }
  if (r.minKwh !== undefined && s.energyBefore < r.minKwh) return false;
  if (r.maxKwh !== undefined && s.energyBefore >= r.maxKwh) return false;
  if (r.minDuration !== undefined && s.durationSec < r.minDuration) return false;
  if (r.maxDuration !== undefined && s.durationSec >= r.maxDuration) return false;
  // Current and power: the element is active only if the condition held for the whole period,
  // so min_* is compared with the period's minimum and max_* with its maximum. Unknown = no match.
  if (r.minCurrent !== undefined && !(s.minCurrent !== undefined && s.minCurrent >= r.minCurrent)) {
    return false;
  }
  if (r.maxCurrent !== undefined && !(s.maxCurrent !== undefined && s.maxCurrent < r.maxCurrent)) {
    return false;
  }
  if (r.minPower !== undefined && !(s.minPower !== undefined && s.minPower >= r.minPower)) {
    return false;
  }
  if (r.maxPower !== undefined && !(s.maxPower !== undefined && s.maxPower < r.maxPower)) {
    return false;
  }
  return true;
}

/**
 * start_time inclusive, end_time exclusive, local time of day. end < start wraps past midnight
 * (`20:00`–`00:00` = from 20:00 to the end of the day); start == end is read as the whole day.
 */
export function timeOfDayMatches(
  start: number | undefined,
  end: number | undefined,
  msOfDay: number,
): boolean {
  if (start === undefined && end === undefined) return true;
  if (start === undefined) return msOfDay < (end as number);
  if (end === undefined) return msOfDay >= start;
  if (start < end) return msOfDay >= start && msOfDay < end;
  if (start > end) return msOfDay >= start || msOfDay < end;
  return true;
}
