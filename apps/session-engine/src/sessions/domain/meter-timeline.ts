import type { MeterTick } from './meter-sample';

/**
 * The meter side of a session as a left fold over ticks in time order. Energy is the sum of the
 * increases of the energy register between consecutive readings: it telescopes to
 * `meterStop - meterStart` for a well-behaved meter, and never goes negative for a misbehaving one.
 * Time between two register readings is charging when energy flowed at ≥ PARKING_POWER_THRESHOLD_W,
 * otherwise parking. A new charging period opens whenever a tariff-relevant condition changes:
 * charging ↔ parking, or a power level outside the band of the period's first interval (see
 * docs/adr/0030-session-engine-meter-processing.md).
 */

/** Below this average power an interval counts as parking (the EV is not drawing power). */
export const PARKING_POWER_THRESHOLD_W = 100;
/** A register reading below this share of the previous one is a reset (meter replaced / restarted). */
export const REGISTER_RESET_RATIO = 0.5;
/** Power band of a period: ± max(1 kW, 10 %) around the power of its first interval. */
export const POWER_BAND_MIN_W = 1000;
export const POWER_BAND_RATIO = 0.1;

export type PeriodMode = 'CHARGING' | 'PARKING';

export type MeterFlag = 'REGISTER_DECREASE' | 'REGISTER_RESET' | 'SAMPLES_BEFORE_START';

export interface PeriodAccumulator {
  /** Start, epoch ms. A period ends where the next one starts (the last one: at `end`). */
  start: number;
  end: number;
  mode: PeriodMode;
  energyWh: number;
  /** Average power of the period's first interval, W: the centre of its power band. */
  bandPowerW: number;
  minPowerW?: number;
  maxPowerW?: number;
  minCurrentA?: number;
  maxCurrentA?: number;
  socPercent?: number;
}

/** Observations since the last register reading, not yet attributed to an interval. */
export interface PendingObservations {
  minPowerW?: number;
  maxPowerW?: number;
  minCurrentA?: number;
  maxCurrentA?: number;
  socPercent?: number;
}

export interface MeterTimeline {
  /** Accepted register value, Wh (the baseline for the next delta). */
  registerWh: number;
  /** Time of the last accepted register reading (or the start), epoch ms. */
  registerAt: number;
  /** Newest sample time seen, epoch ms. */
  lastSampleAt: number;
  energyWh: number;
  /** Energy of zero-length intervals, credited to the next interval. */
  carryWh: number;
  lastPowerW?: number;
  socPercent?: number;
  pending: PendingObservations;
  periods: PeriodAccumulator[];
  flags: MeterFlag[];
}

export function startTimeline(meterStartWh: number, startedAt: number): MeterTimeline {
  return {
    registerWh: meterStartWh,
    registerAt: startedAt,
    lastSampleAt: startedAt,
    energyWh: 0,
    carryWh: 0,
    pending: {},
    periods: [],
    flags: [],
  };
}

/** Applies ticks (in time order, none older than the timeline's newest sample) to a copy. */
export function applyTicks(
  timeline: MeterTimeline,
  ticks: readonly MeterTick[],
  startedAt: number,
): MeterTimeline {
  const t: MeterTimeline = structuredClone(timeline);
  for (const tick of ticks) applyTick(t, tick, startedAt);
  return t;
}

function flag(t: MeterTimeline, f: MeterFlag): void {
  if (!t.flags.includes(f)) t.flags.push(f);
}

function applyTick(t: MeterTimeline, tick: MeterTick, startedAt: number): void {
  if (tick.at < startedAt) {
    flag(t, 'SAMPLES_BEFORE_START');
    return;
  }
  t.lastSampleAt = Math.max(t.lastSampleAt, tick.at);
  const p = t.pending;
  if (tick.powerW !== undefined) {
    p.minPowerW = min(p.minPowerW, tick.powerW);
    p.maxPowerW = max(p.maxPowerW, tick.powerW);
    t.lastPowerW = tick.powerW;
  }
  if (tick.currentA !== undefined) {
    p.minCurrentA = min(p.minCurrentA, tick.currentA);
    p.maxCurrentA = max(p.maxCurrentA, tick.currentA);
  }
  if (tick.socPercent !== undefined) {
    p.socPercent = tick.socPercent;
    t.socPercent = tick.socPercent;
  }
  if (tick.registerWh !== undefined) applyRegister(t, tick.registerWh, tick.at);
}

/** A register reading at `at` closes the interval since the previous accepted reading. */
export function applyRegister(t: MeterTimeline, registerWh: number, at: number): void {
  const at2 = Math.max(at, t.registerAt);
  let delta = registerWh - t.registerWh;
  let assumeMode: PeriodMode | undefined;
  if (delta < 0) {
    if (registerWh < t.registerWh * REGISTER_RESET_RATIO) {
      // The register restarted: count nothing for this interval, continue from the new value.
      flag(t, 'REGISTER_RESET');
      delta = 0;
      assumeMode = t.periods.at(-1)?.mode;
    } else {
      // A glitch: ignore the reading; the next higher one counts from the old baseline.
      flag(t, 'REGISTER_DECREASE');
      return;
    }
  }
  const durationMs = at2 - t.registerAt;
  t.lastSampleAt = Math.max(t.lastSampleAt, at2);
  if (durationMs === 0) {
    t.carryWh += delta;
    t.energyWh += delta;
    t.registerWh = registerWh;
    if (delta > 0 && t.periods.length > 0) {
      t.periods[t.periods.length - 1].energyWh += delta;
      t.carryWh -= delta;
    }
    return;
  }
  const energy = delta + t.carryWh;
  t.energyWh += delta;
  t.carryWh = 0;
  const avgPowerW = (energy * 3_600_000) / durationMs;
  const mode: PeriodMode =
    assumeMode ?? (avgPowerW >= PARKING_POWER_THRESHOLD_W ? 'CHARGING' : 'PARKING');
  const p = t.pending;
  const interval: PeriodAccumulator = {
    start: t.registerAt,
    end: at2,
    mode,
    energyWh: energy,
    bandPowerW: avgPowerW,
    minPowerW: p.minPowerW ?? avgPowerW,
    maxPowerW: p.maxPowerW ?? avgPowerW,
    minCurrentA: p.minCurrentA,
    maxCurrentA: p.maxCurrentA,
    socPercent: p.socPercent,
  };
  addInterval(t.periods, interval);
  t.pending = {};
  t.registerWh = registerWh;
  t.registerAt = at2;
}

function inBand(bandPowerW: number, powerW: number): boolean {
  return Math.abs(powerW - bandPowerW) <= Math.max(POWER_BAND_MIN_W, POWER_BAND_RATIO * bandPowerW);
}

function addInterval(periods: PeriodAccumulator[], interval: PeriodAccumulator): void {
  const last = periods.at(-1);
  const extend =
    last !== undefined &&
    last.mode === interval.mode &&
    (interval.mode === 'PARKING' || inBand(last.bandPowerW, interval.bandPowerW));
  if (!extend) {
    periods.push(interval);
    return;
  }
  last.end = interval.end;
  last.energyWh += interval.energyWh;
  last.minPowerW = min(last.minPowerW, interval.minPowerW);
  last.maxPowerW = max(last.maxPowerW, interval.maxPowerW);
  last.minCurrentA = min(last.minCurrentA, interval.minCurrentA);
  last.maxCurrentA = max(last.maxCurrentA, interval.maxCurrentA);
  if (interval.socPercent !== undefined) last.socPercent = interval.socPercent;
}

function min(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
