import { type MeterSample, toTicks } from './meter-sample';
import { sessionIdOf } from './session-id';

const at = Date.parse('2025-03-14T09:00:00Z');
const s = (measurand: string, value: number, unit: string, extra: Partial<MeterSample> = {}) => ({
  at,
  measurand,
  value,
  unit,
  ...extra,
});

describe('meter samples → ticks', () => {
  it('given only per-phase power and current, then the line conductors are summed (neutral ignored)', () => {
    const [tick] = toTicks([
      s('Power.Active.Import', 3.6, 'kW', { phase: 'L1' }),
      s('Power.Active.Import', 3.7, 'kW', { phase: 'L2' }),
      s('Power.Active.Import', 3.7, 'kW', { phase: 'L3' }),
      s('Current.Import', 16, 'A', { phase: 'L1' }),
      s('Current.Import', 16, 'A', { phase: 'L2' }),
      s('Current.Import', 16, 'A', { phase: 'L3' }),
      s('Current.Import', 1, 'A', { phase: 'N' }),
    ]);
    expect(tick.powerW).toBeCloseTo(11_000, 6);
    expect(tick.currentA).toBe(48);
  });

  it('given a total and phase values, then the total wins', () => {
    const [tick] = toTicks([
      s('Energy.Active.Import.Register', 5_000, 'Wh', { phase: 'L1' }),
      s('Energy.Active.Import.Register', 15.2, 'kWh'),
    ]);
    expect(tick.registerWh).toBe(15_200);
  });

  it('given the same quantity at Inlet and Outlet, then the Outlet (point of delivery) wins', () => {
    const [tick] = toTicks([
      s('Energy.Active.Import.Register', 1_100, 'Wh', { location: 'Inlet' }),
      s('Energy.Active.Import.Register', 1_000, 'Wh', { location: 'Outlet' }),
    ]);
    expect(tick.registerWh).toBe(1_000);
  });

  it('given samples at several times in any order, then ticks come out in time order, SoC clamped', () => {
    const ticks = toTicks([
      { ...s('SoC', 101, 'Percent'), at: at + 60_000 },
      s('SoC', 50, 'Percent'),
    ]);
    expect(ticks.map((t) => [t.at - at, t.socPercent])).toEqual([
      [0, 50],
      [60_000, 100],
    ]);
  });

  it('given values in units the session does not use, then they are ignored', () => {
    expect(toTicks([s('Energy.Active.Import.Register', 5, 'kvarh')])).toEqual([{ at }]);
  });
});

describe('session id', () => {
  it('is a deterministic RFC 4122 version-5 layout UUID of station and transaction', () => {
    const id = sessionIdOf('CP-1', '100');
    expect(id).toBe(sessionIdOf('CP-1', '100'));
    expect(id).not.toBe(sessionIdOf('CP-1', '101'));
    expect(id).not.toBe(sessionIdOf('CP-11', '00'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
