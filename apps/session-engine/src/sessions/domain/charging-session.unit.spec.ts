import {
  allFlags,
  catchUpOvertaken,
  type ChargingSessionState,
  closeDue,
  closeStale,
  completeSession,
  receiveStop,
  markStale,
  rebuildSession,
  recordSamples,
  type SessionStart,
  startSession,
  stopSession,
} from './charging-session';
import type { MeterSample } from './meter-sample';
import { toOcpiSession } from './ocpi-session.mapper';

const T0 = Date.parse('2025-03-14T09:00:00Z');
const min = (m: number) => T0 + m * 60_000;
const CTX = { countryCode: 'NL', partyId: 'VLT', currency: 'EUR' };

function aStart(overrides: Partial<SessionStart> = {}): SessionStart {
  return {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    stationId: 'CP-1',
    connectorId: 1,
    transactionId: '100',
    idTag: 'TAG1',
    idTagStatus: 'Accepted',
    meterStartWh: 1_000_000,
    startedAt: T0,
    ...overrides,
  };
}

const register = (minute: number, value: number, unit = 'Wh'): MeterSample => ({
  at: min(minute),
  measurand: 'Energy.Active.Import.Register',
  value,
  unit,
  location: 'Outlet',
});
const power = (minute: number, w: number, phase?: string): MeterSample => ({
  at: min(minute),
  measurand: 'Power.Active.Import',
  value: w,
  unit: 'W',
  phase,
});
const current = (minute: number, a: number, phase: string): MeterSample => ({
  at: min(minute),
  measurand: 'Current.Import',
  value: a,
  unit: 'A',
  phase,
});
const soc = (minute: number, pct: number): MeterSample => ({
  at: min(minute),
  measurand: 'SoC',
  value: pct,
  unit: 'Percent',
});

/** Given a started session, when these batches of samples arrive (in order). */
function given(start: SessionStart, ...batches: MeterSample[][]): ChargingSessionState {
  let state = startSession(start, start.startedAt);
  for (const batch of batches) {
    const r = recordSamples(state, batch, state.lastUpdated);
    if (r.needsRebuild) throw new Error('unexpected rebuild');
    state = r.state;
  }
  return state;
}

const dims = (state: ChargingSessionState): Record<string, string | number>[] | undefined =>
  toOcpiSession(state, CTX).charging_periods?.map((p) => ({
    start: p.start_date_time,
    ...Object.fromEntries(p.dimensions.map((d) => [d.type, d.volume])),
  }));

describe('charging session: energy', () => {
  it('given Wh register readings, when the session stops, then energy is meterStop - meterStart', () => {
    const state = given(aStart(), [register(15, 1_002_750)], [register(30, 1_005_500)]);
    const { state: done } = stopSession(
      state,
      { at: min(45), meterStopWh: 1_008_250, reason: 'Local' },
      min(45),
    );
    expect(done.meter.energyWh).toBe(8_250);
    expect(done.status).toBe('COMPLETED');
    expect(toOcpiSession(done, CTX).kwh).toBe(8.25);
  });

  it('given kWh register readings, then they are converted to Wh', () => {
    const state = given(aStart(), [register(15, 1_002.75, 'kWh')]);
    expect(state.meter.energyWh).toBe(2_750);
  });

  it('given a decreasing reading (glitch), then it is flagged and ignored, and energy never goes negative', () => {
    const state = given(
      aStart(),
      [register(15, 1_003_000)],
      [register(30, 1_002_000)],
      [register(45, 1_004_000)],
    );
    expect(state.meter.energyWh).toBe(4_000);
    expect(allFlags(state)).toContain('REGISTER_DECREASE');
  });

  it('given a register reset to near zero, then the interval counts nothing and counting resumes from the new value', () => {
    const state = given(
      aStart(),
      [register(15, 1_003_000)],
      [register(30, 200)],
      [register(45, 2_200)],
    );
    expect(state.meter.energyWh).toBe(3_000 + 2_000);
    expect(allFlags(state)).toContain('REGISTER_RESET');
  });

  it('given meterStop below meterStart and no samples, then energy is 0 and the decrease is flagged', () => {
    const { state } = stopSession(
      given(aStart()),
      { at: min(10), meterStopWh: 999_000, reason: 'Local' },
      min(10),
    );
    expect(state.meter.energyWh).toBe(0);
    expect(allFlags(state)).toContain('REGISTER_DECREASE');
  });
});

describe('charging session: power, current, state of charge and charging periods', () => {
  it('given power, per-phase current and SoC samples, then the period carries MAX/MIN power and current and SoC', () => {
    const state = given(
      aStart(),
      [
        power(5, 11_000),
        current(5, 16, 'L1'),
        current(5, 16, 'L2'),
        current(5, 15, 'L3'),
        soc(5, 40),
      ],
      [
        power(10, 10_500),
        current(10, 15, 'L1'),
        current(10, 15, 'L2'),
        current(10, 15, 'L3'),
        soc(10, 45),
        register(10, 1_001_800),
      ],
    );
    expect(dims(state)).toEqual([
      {
        start: '2025-03-14T09:00:00Z',
        ENERGY: 1.8,
        TIME: 0.166667,
        MAX_POWER: 11,
        MIN_POWER: 10.5,
        MAX_CURRENT: 47,
        MIN_CURRENT: 45,
        STATE_OF_CHARGE: 45,
      },
    ]);
  });

  it('given energy stops flowing while plugged in, then a PARKING_TIME period opens', () => {
    const state = given(
      aStart(),
      [register(30, 1_005_500)],
      [register(60, 1_011_000)],
      [register(90, 1_011_000)],
    );
    const { state: done } = stopSession(
      state,
      { at: min(120), meterStopWh: 1_011_000, reason: 'EVDisconnected' },
      min(120),
    );
    expect(dims(done)).toEqual([
      { start: '2025-03-14T09:00:00Z', ENERGY: 11, TIME: 1, MAX_POWER: 11, MIN_POWER: 11 },
      { start: '2025-03-14T10:00:00Z', PARKING_TIME: 1 },
    ]);
  });

  it('given the power level changes beyond the band, then a new charging period opens', () => {
    // 22 kW for 30 min, then 7 kW for 30 min.
    const state = given(aStart(), [register(30, 1_011_000)], [register(60, 1_014_500)]);
    const periods = dims(state) ?? [];
    expect(periods.map((p) => [p.start, p.ENERGY, p.TIME])).toEqual([
      ['2025-03-14T09:00:00Z', 11, 0.5],
      ['2025-03-14T09:30:00Z', 3.5, 0.5],
    ]);
  });

  it('given small power fluctuations inside the band, then the period is extended', () => {
    const state = given(aStart(), [register(30, 1_005_500)], [register(60, 1_011_100)]);
    expect(dims(state)).toHaveLength(1);
  });
});

describe('charging session: tolerance of real stations', () => {
  it('given a stopped session, when the stop is delivered again, then nothing changes', () => {
    const { state: done } = stopSession(
      given(aStart()),
      { at: min(30), meterStopWh: 1_005_000, reason: 'Local' },
      min(30),
    );
    const again = stopSession(
      done,
      { at: min(31), meterStopWh: 1_009_000, reason: 'Remote' },
      min(31),
    );
    expect(again.changed).toBe(false);
    expect(again.state.meter.energyWh).toBe(5_000);
    expect(again.state.revision).toBe(done.revision);
  });

  it('given a stopped session, when meter values arrive after the stop, then the session is not changed', () => {
    const { state: done } = stopSession(
      given(aStart()),
      { at: min(30), meterStopWh: 1_005_000, reason: 'Local' },
      min(30),
    );
    const late = recordSamples(done, [register(20, 1_004_000)], min(40));
    expect(late.changed).toBe(false);
    expect(late.state.meter.energyWh).toBe(5_000);
    expect(late.state.flags).toContain('SAMPLES_AFTER_END');
  });

  it('given samples older than the newest applied one (reconnect replay), then a rebuild gives the in-order result', () => {
    const state = given(aStart(), [register(30, 1_005_500)]);
    const late = [register(15, 1_002_750), power(15, 11_000)];
    const r = recordSamples(state, late, min(31));
    expect(r.needsRebuild).toBe(true);
    const rebuilt = rebuildSession(state, [register(30, 1_005_500), ...late], min(31));
    const inOrder = given(aStart(), late, [register(30, 1_005_500)]);
    expect(rebuilt.meter).toEqual(inOrder.meter);
    expect(rebuilt.flags).toContain('SAMPLES_OUT_OF_ORDER');
  });

  it('given transactionData recorded before the stop (offline buffer), then periods and energy include it', () => {
    const state = given(aStart(), [register(20, 1_003_000), register(40, 1_006_000)]);
    const { state: done } = stopSession(
      state,
      { at: min(60), meterStopWh: 1_006_000, reason: 'Local' },
      min(60),
    );
    expect(done.meter.energyWh).toBe(6_000);
    expect(dims(done)?.map((p) => Object.keys(p).includes('PARKING_TIME'))).toEqual([false, true]);
  });

  it('given an idTag the gateway did not accept (offline start), then the session is flagged', () => {
    expect(startSession(aStart({ idTagStatus: 'Invalid' }), T0).flags).toEqual([
      'TOKEN_NOT_ACCEPTED',
    ]);
  });

  it('given samples before the start, then they are ignored and flagged', () => {
    const state = given(aStart(), [register(-5, 990_000)]);
    expect(state.meter.energyWh).toBe(0);
    expect(allFlags(state)).toContain('SAMPLES_BEFORE_START');
  });
});

describe('charging session: a stop is held for a settle delay (meter values travel on another topic)', () => {
  const stop = { at: min(60), meterStopWh: 1_011_000, reason: 'Local' as const };

  it('given a received stop, when meter values sent before it arrive, then they are still applied', () => {
    const held = receiveStop(given(aStart()), stop, min(60)).state;
    expect(held.status).toBe('ACTIVE');
    const r = recordSamples(held, [register(30, 1_005_500)], min(60));
    const { state: done, changed } = completeSession(r.state, min(61));
    expect(changed).toBe(true);
    expect(done.status).toBe('COMPLETED');
    expect(dims(done)?.map((p) => p.start)).toEqual(['2025-03-14T09:00:00Z']);
    expect(done.meter.energyWh).toBe(11_000);
    expect(done.endedAt).toBe(min(60));
  });

  it('given a received stop, when samples newer than the stop arrive, then they are ignored and flagged', () => {
    const held = receiveStop(given(aStart()), stop, min(60)).state;
    const r = recordSamples(held, [register(70, 1_020_000)], min(70));
    const done = completeSession(r.state, min(71)).state;
    expect(done.meter.energyWh).toBe(11_000);
    expect(done.flags).toContain('SAMPLES_AFTER_END');
  });

  it('given a held stop, when the stop is delivered again, then nothing changes', () => {
    const held = receiveStop(given(aStart()), stop, min(60)).state;
    expect(receiveStop(held, { ...stop, meterStopWh: 1 }, min(61)).state).toBe(held);
  });

  it('given a held stop, when the sweeper finds it due, then it completes with the stop (not the stale policy)', () => {
    const held = receiveStop(given(aStart()), stop, min(60)).state;
    const { state: done } = closeDue(held, min(61));
    expect(done).toMatchObject({
      status: 'COMPLETED',
      closedBy: 'STOP_TRANSACTION',
      stopReason: 'Local',
    });
  });

  it('given a held stop, when the station boots, then the session is not marked stale', () => {
    const held = receiveStop(given(aStart()), stop, min(60)).state;
    expect(markStale(held, 'STATION_BOOTED', min(62), min(62)).state.staleCause).toBeUndefined();
  });
});

describe('charging session: meter values and a stop that overtook the start', () => {
  const stop = { at: min(60), meterStopWh: 1_011_000, reason: 'Local' as const };

  it('given a fresh start, when only its early stop is applied, then the revision moves past the started one', () => {
    const started = given(aStart());
    const { state, changed } = catchUpOvertaken(started, [], stop, min(61));
    expect(changed).toBe(true);
    expect(state.revision).toBe(started.revision + 1);
    expect(state.pendingStop).toEqual(stop);
    expect(state.status).toBe('ACTIVE');
  });

  it('given a fresh start, when early samples and the stop are applied, then one new revision holds both, samples after the stop left out', () => {
    const started = given(aStart());
    const { state, changed } = catchUpOvertaken(
      started,
      [register(30, 1_005_500), register(70, 1_020_000)],
      stop,
      min(61),
    );
    expect(changed).toBe(true);
    expect(state.revision).toBe(started.revision + 1);
    expect(state.meter.energyWh).toBe(5_500);
    expect(completeSession(state, min(62)).state.meter.energyWh).toBe(11_000);
  });

  it('given a fresh start, when nothing overtook it, then nothing changes', () => {
    const started = given(aStart());
    expect(catchUpOvertaken(started, [], undefined, min(1))).toEqual({
      state: started,
      changed: false,
    });
  });
});

describe('charging session: never-stopped transactions (stale-transaction policy)', () => {
  it('given an active session, when the station boots, then it is only marked stale (a replayed stop still wins)', () => {
    const state = given(aStart(), [register(30, 1_004_000)]);
    const marked = markStale(state, 'STATION_BOOTED', min(40), min(40)).state;
    expect(marked.status).toBe('ACTIVE');
    const { state: done } = stopSession(
      marked,
      { at: min(35), meterStopWh: 1_004_500, reason: 'PowerLoss' },
      min(41),
    );
    expect(done.closedBy).toBe('STOP_TRANSACTION');
    expect(done.meter.energyWh).toBe(4_500);
  });

  it('given a stale session, when the grace period passes, then it completes at its last reading and is marked NEVER_STOPPED', () => {
    const state = given(aStart(), [register(30, 1_004_000)]);
    const marked = markStale(state, 'CONNECTOR_AVAILABLE', min(50), min(50)).state;
    const { state: closed, changed } = closeStale(marked, min(60));
    expect(changed).toBe(true);
    expect(closed.status).toBe('COMPLETED');
    expect(closed.closedBy).toBe('STALE_POLICY');
    expect(closed.stopReason).toBe('EVDisconnected');
    expect(closed.endedAt).toBe(min(30));
    expect(closed.meterStopWh).toBe(1_004_000);
    expect(closed.flags).toContain('NEVER_STOPPED');
  });

  it('given a session closed by the policy, when the real stop arrives later, then it is ignored and flagged', () => {
    const marked = markStale(given(aStart()), 'STATION_BOOTED', min(5), min(5)).state;
    const closed = closeStale(marked, min(10)).state;
    const late = stopSession(
      closed,
      { at: min(8), meterStopWh: 1_001_000, reason: 'Local' },
      min(11),
    );
    expect(late.changed).toBe(false);
    expect(late.state.flags).toContain('STOP_AFTER_POLICY_CLOSE');
  });

  it('given a boot observed before the session started, then the session is not marked', () => {
    expect(
      markStale(given(aStart()), 'STATION_BOOTED', min(-1), T0).state.staleCause,
    ).toBeUndefined();
  });

  it('given an active session that is not stale, then the policy does not close it', () => {
    expect(closeStale(given(aStart()), min(99)).changed).toBe(false);
  });
});

describe('OCPI Session object', () => {
  it('carries the spec fields of an active and of a completed session', () => {
    const active = toOcpiSession(given(aStart()), CTX);
    expect(active).toMatchObject({
      country_code: 'NL',
      party_id: 'VLT',
      id: aStart().sessionId,
      start_date_time: '2025-03-14T09:00:00Z',
      kwh: 0,
      cdr_token: {
        uid: 'TAG1',
        type: 'RFID',
        contract_id: 'TAG1',
        country_code: 'NL',
        party_id: 'VLT',
      },
      auth_method: 'WHITELIST',
      connector_id: '1',
      currency: 'EUR',
      status: 'ACTIVE',
    });
    expect(active.end_date_time).toBeUndefined();
    const { state } = stopSession(
      given(aStart()),
      { at: min(60), meterStopWh: 1_011_000, reason: 'Local' },
      min(60),
    );
    expect(toOcpiSession(state, CTX)).toMatchObject({
      status: 'COMPLETED',
      end_date_time: '2025-03-14T10:00:00Z',
      kwh: 11,
    });
  });
});
