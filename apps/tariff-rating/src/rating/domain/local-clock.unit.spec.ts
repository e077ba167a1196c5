import {
  dayNumberOf,
  isKnownTimeZone,
  localMoment,
  nextLocalBoundary,
  offsetMs,
} from './local-clock';

const H = 3_600_000;

describe('local clock', () => {
  it('Given Europe/Berlin in winter and summer, Then the offsets are +1 h and +2 h', () => {
    expect(offsetMs('Europe/Berlin', Date.parse('2024-01-15T12:00:00Z'))).toBe(H);
    expect(offsetMs('Europe/Berlin', Date.parse('2024-07-15T12:00:00Z'))).toBe(2 * H);
  });

  it('Given an instant, Then the local date, time of day and ISO weekday are those of the zone', () => {
    const m = localMoment('Europe/Berlin', Date.parse('2024-01-21T23:30:00Z'));
    expect(m).toEqual({ msOfDay: 30 * 60_000, day: dayNumberOf('2024-01-22'), isoWeekday: 1 });
  });

  it('Given boundaries 17:00 and midnight, When at 16:55 local, Then the next boundary is 17:00 local', () => {
    const at = nextLocalBoundary('Europe/Berlin', Date.parse('2024-01-15T15:55:00Z'), [0, 17 * H]);
    expect(new Date(at).toISOString()).toBe('2024-01-15T16:00:00.000Z');
  });

  it('Given the spring-forward night, When after 01:00 local, Then the next 03:00 boundary is 01:00Z', () => {
    const at = nextLocalBoundary('Europe/Berlin', Date.parse('2024-03-31T00:30:00Z'), [3 * H]);
    expect(new Date(at).toISOString()).toBe('2024-03-31T01:00:00.000Z');
  });

  it('Given a boundary inside the DST gap (02:30), Then the moment the clock jumps is used', () => {
    const at = nextLocalBoundary('Europe/Berlin', Date.parse('2024-03-31T00:30:00Z'), [2.5 * H]);
    expect(at).toBeGreaterThan(Date.parse('2024-03-31T00:30:00Z'));
    expect(at).toBeLessThanOrEqual(Date.parse('2024-03-31T01:30:00Z'));
  });

  it('Given days of the week, Then the ISO weekday is right for a whole week', () => {
    const days = [
      '2024-01-15',
      '2024-01-16',
      '2024-01-17',
      '2024-01-18',
      '2024-01-19',
      '2024-01-20',
      '2024-01-21',
    ];
    expect(days.map((d) => localMoment('UTC', Date.parse(`${d}T12:00:00Z`)).isoWeekday)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(localMoment('UTC', Date.parse('1969-12-31T12:00:00Z')).isoWeekday).toBe(3);
  });

  it('Given time zone names, Then unknown ones are recognised', () => {
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
