/**
 * Wall-clock arithmetic in an IANA time zone without a date library: UTC offsets come from Intl and
 * are cached per zone and quarter hour (every real-world offset change happens on a quarter hour).
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
const BUCKET_MS = 15 * MS_PER_MINUTE;
const MAX_CACHED_OFFSETS = 50_000;

export interface LocalMoment {
  /** Milliseconds since local midnight. */
  readonly msOfDay: number;
  /** Local date as days since 1970-01-01 (see `dayNumberOf`). */
  readonly day: number;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  readonly isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

/** True when `zone` is an IANA time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** UTC offset of `zone` at instant `utcMs`, in milliseconds (local = utc + offset). */
export function offsetMs(zone: string, utcMs: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  const bucket = Math.floor(utcMs / BUCKET_MS);
  const cached = byBucket.get(bucket);
  if (cached !== undefined) return cached;
  const at = bucket * BUCKET_MS;
  const parts = formatterOf(zone).formatToParts(new Date(at));
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  const offset = asUtc - at;
  if (byBucket.size > MAX_CACHED_OFFSETS) byBucket.clear();
  byBucket.set(bucket, offset);
  return offset;
}

export function localMoment(zone: string, utcMs: number): LocalMoment {
  const wall = utcMs + offsetMs(zone, utcMs);
  const msOfDay = ((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const day = Math.round((wall - msOfDay) / MS_PER_DAY);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { msOfDay, day, isoWeekday };
}

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumberOf(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/**
 * The first instant after `utcMs` at which the local time of day is one of `boundaries` (sorted ms
 * of day, within [0, MS_PER_DAY)). Local midnight of the next day counts as boundary 0.
 */
export function nextLocalBoundary(
  zone: string,
  utcMs: number,
  boundaries: readonly number[],
): number {
  const offset = offsetMs(zone, utcMs);
  const wall = utcMs + offset;
  const msOfDay = ((wall % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const dayStart = wall - msOfDay;
  let target = dayStart + MS_PER_DAY + (boundaries[0] ?? 0);
  for (const b of boundaries) {
    if (b > msOfDay) {
      target = dayStart + b;
      break;
    }
  }
  // local → UTC: the offset at the target may differ (DST); two steps settle it.
  const guess = target - offset;
  const utc = target - offsetMs(zone, guess);
  // In a DST gap the wall time does not exist: take the moment the clock jumps past it.
  return utc > utcMs ? utc : guess > utcMs ? guess : utcMs + MS_PER_MINUTE;
}
