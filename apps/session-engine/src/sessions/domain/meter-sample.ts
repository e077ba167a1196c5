/**
 * Meter samples as the session domain sees them: one OCPP sampled value with its time in epoch
 * milliseconds. Pure: no framework imports.
 */
export interface MeterSample {
  /** Measurement time, epoch ms (UTC). */
  at: number;
  measurand: string;
  value: number;
  unit: string;
  phase?: string;
  location?: string;
  context?: string;
}

/** One tick: what a station measured at one instant, reduced to the quantities sessions use. */
export interface MeterTick {
  at: number;
  /** `Energy.Active.Import.Register` in Wh (integer), when the tick has one. */
  registerWh?: number;
  /** Active import power in W (sum over phases when only phase values were sent). */
  powerW?: number;
  /** Import current in A, summed over phases (OCPI MAX/MIN_CURRENT are sums over phases). */
  currentA?: number;
  /** State of charge, percent. */
  socPercent?: number;
}

const ENERGY_REGISTER = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';
const CURRENT = 'Current.Import';
const SOC = 'SoC';
/** Phase values that are not line conductors are never summed. */
const SUMMABLE_PHASES = new Set(['L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N']);

/** Wh from an energy value in Wh or kWh; undefined for other units. */
export function toWattHours(value: number, unit: string): number | undefined {
  if (unit === 'Wh') return Math.round(value);
  if (unit === 'kWh') return Math.round(value * 1000);
  return undefined;
}

/** W from a power value in W or kW; undefined for other units. */
export function toWatts(value: number, unit: string): number | undefined {
  if (unit === 'W') return value;
  if (unit === 'kW') return value * 1000;
  return undefined;
}

/**
 * Groups samples by timestamp into ticks, in time order. Per quantity a value without a phase wins
 * (it is the total); otherwise the line-conductor phase values are summed. Where a station reports
 * the same quantity at several locations, `Outlet` (the OCPP default, the point of delivery) wins.
 */
export function toTicks(samples: readonly MeterSample[]): MeterTick[] {
  const byTime = new Map<number, MeterSample[]>();
  for (const s of samples) {
    const list = byTime.get(s.at);
    if (list) list.push(s);
    else byTime.set(s.at, [s]);
  }
  return [...byTime.keys()]
    .sort((a, b) => a - b)
    .map((at) => {
      const group = byTime.get(at) as MeterSample[];
      const tick: MeterTick = { at };
      const register = total(group, ENERGY_REGISTER, toWattHours);
      if (register !== undefined) tick.registerWh = Math.round(register);
      const power = total(group, POWER, toWatts);
      if (power !== undefined) tick.powerW = power;
      const current = total(group, CURRENT, (v, u) => (u === 'A' ? v : undefined));
      if (current !== undefined) tick.currentA = current;
      const soc = total(group, SOC, (v, u) => (u === 'Percent' ? v : undefined));
      if (soc !== undefined) tick.socPercent = Math.min(100, Math.max(0, soc));
      return tick;
    });
}

function total(
  group: readonly MeterSample[],
  measurand: string,
  convert: (value: number, unit: string) => number | undefined,
): number | undefined {
  const candidates = group.filter((s) => s.measurand === measurand);
  if (candidates.length === 0) return undefined;
  const locations = new Set(candidates.map((s) => s.location ?? 'Outlet'));
  const location = locations.has('Outlet') ? 'Outlet' : [...locations].sort()[0];
  const atLocation = candidates.filter((s) => (s.location ?? 'Outlet') === location);
  const whole = atLocation.find((s) => s.phase === undefined);
  if (whole) return convert(whole.value, whole.unit);
  let sum: number | undefined;
  const seen = new Set<string>();
  for (const s of atLocation) {
    if (!s.phase || !SUMMABLE_PHASES.has(s.phase)) continue;
    const conductor = s.phase.slice(0, 2);
    if (seen.has(conductor)) continue;
    seen.add(conductor);
    const v = convert(s.value, s.unit);
    if (v === undefined) continue;
    sum = (sum ?? 0) + v;
  }
  return sum;
}

/** A stable identity of a sample for de-duplication (a replayed sample has the same one). */
export function sampleKey(s: MeterSample): string {
  return `${s.at}|${s.measurand}|${s.phase ?? ''}|${s.location ?? ''}`;
}
