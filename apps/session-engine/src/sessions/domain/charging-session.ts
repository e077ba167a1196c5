import { type MeterSample, toTicks } from './meter-sample';
import type { SessionAuthorization, SessionPlace } from './session-place';
import {
  applyRegister,
  applyTicks,
  type MeterFlag,
  type MeterTimeline,
  startTimeline,
} from './meter-timeline';

/**
 * A charging session: the life of one OCPP transaction. Pure state transitions; every function
 * returns a new state (or tells the caller that nothing changed) so that a replayed or duplicated
 * event is a no-op. See docs/adr/0031-session-engine-session-lifecycle.md.
 */

export type ChargingSessionStatus = 'ACTIVE' | 'COMPLETED';

export type SessionFlag =
  | MeterFlag
  | 'TOKEN_NOT_ACCEPTED'
  | 'SAMPLES_OUT_OF_ORDER'
  | 'SAMPLES_AFTER_END'
  | 'SAMPLES_BEFORE_START'
  | 'NEVER_STOPPED'
  | 'STOP_AFTER_POLICY_CLOSE';

/** Why a session without StopTransaction was closed by the stale-transaction policy. */
export type StaleCause = 'STATION_BOOTED' | 'CONNECTOR_AVAILABLE' | 'NEW_TRANSACTION';

export type StopReasonName =
  | 'DeAuthorized'
  | 'EmergencyStop'
  | 'EVDisconnected'
  | 'HardReset'
  | 'Local'
  | 'Other'
  | 'PowerLoss'
  | 'Reboot'
  | 'Remote'
  | 'SoftReset'
  | 'UnlockCommand';

export interface SessionStart {
  sessionId: string;
  stationId: string;
  connectorId: number;
  transactionId: string;
  idTag: string;
  idTagStatus: string;
  meterStartWh: number;
  /** epoch ms */
  startedAt: number;
  /**
   * The OCPI Session id when it is not `sessionId` (the transaction's internal key): a remote start
   * keeps the id its PENDING session was published with (ADR 0032).
   */
  ocpiSessionId?: string;
  /** Token, auth method and authorization reference of a remote start (else: the OCPP tag). */
  authorization?: SessionAuthorization;
  /** OCPI location / EVSE / connector and the CdrLocation snapshot at the start (else: fallback). */
  place?: SessionPlace;
  /** The RemoteStartTransaction command the session was started by. */
  commandId?: string;
}

export interface SessionStop {
  /** epoch ms, as reported by the station */
  at: number;
  meterStopWh: number;
  reason: StopReasonName;
}

export interface ChargingSessionState {
  start: SessionStart;
  status: ChargingSessionStatus;
  /** +1 with every change that is published. */
  revision: number;
  meter: MeterTimeline;
  flags: SessionFlag[];
  endedAt?: number;
  meterStopWh?: number;
  stopReason?: StopReasonName;
  closedBy?: 'STOP_TRANSACTION' | 'STALE_POLICY';
  /** Set when the stale-transaction policy suspects the session (closed after a grace period). */
  staleCause?: StaleCause;
  staleSince?: number;
  /** A StopTransaction received but not applied yet: the session completes after a settle delay. */
  pendingStop?: SessionStop;
  /** epoch ms when the stop was received (the settle delay runs from here). */
  stopReceivedAt?: number;
  /** epoch ms when the policy marked it (the grace period runs from here). */
  staleMarkedAt?: number;
  /** Wall-clock epoch ms of the last published `updated` event (throttling). */
  lastUpdatePublishedAt?: number;
  /** epoch ms of the last change (OCPI `last_updated`). */
  lastUpdated: number;
}

/** What a transition did; `changed: false` means the input was a duplicate or had no effect. */
export interface Transition {
  state: ChargingSessionState;
  changed: boolean;
}

export function startSession(start: SessionStart, now: number): ChargingSessionState {
  return {
    start: { ...start },
    status: 'ACTIVE',
    revision: 1,
    meter: startTimeline(start.meterStartWh, start.startedAt),
    flags: start.idTagStatus === 'Accepted' ? [] : ['TOKEN_NOT_ACCEPTED'],
    lastUpdated: now,
  };
}

export function energyWh(state: ChargingSessionState): number {
  return state.meter.energyWh;
}

/**
 * Samples that are new to the session (the caller de-duplicates replays). When one of them is older
 * than the newest sample already applied, the incremental fold would be wrong: `needsRebuild` asks
 * the caller to call `rebuildSession` with every sample of the session instead.
 */
export function recordSamples(
  state: ChargingSessionState,
  samples: readonly MeterSample[],
  now: number,
): Transition & { needsRebuild: boolean } {
  if (samples.length === 0) return { state, changed: false, needsRebuild: false };
  if (state.status === 'COMPLETED') {
    // The session is final (its completed event is published); late samples are kept as data only.
    const next = withFlag(state, 'SAMPLES_AFTER_END');
    return { state: next, changed: false, needsRebuild: false };
  }
  const inSession = samples.filter((s) => s.at >= state.start.startedAt);
  if (inSession.length < samples.length) state = withFlag(state, 'SAMPLES_BEFORE_START');
  const stopAt = state.pendingStop?.at;
  if (stopAt !== undefined && inSession.some((s) => s.at > stopAt)) {
    state = withFlag(state, 'SAMPLES_AFTER_END');
    inSession.splice(0, inSession.length, ...inSession.filter((s) => s.at <= stopAt));
  }
  if (inSession.length === 0) return { state, changed: false, needsRebuild: false };
  const oldest = Math.min(...inSession.map((s) => s.at));
  if (oldest < state.meter.lastSampleAt) {
    return { state, changed: false, needsRebuild: true };
  }
  const meter = applyTicks(state.meter, toTicks(inSession), state.start.startedAt);
  return { state: bump({ ...state, meter }, now), changed: true, needsRebuild: false };
}

/** Refolds the meter timeline from the start over every sample of the session, in time order. */
export function rebuildSession(
  state: ChargingSessionState,
  allSamples: readonly MeterSample[],
  now: number,
): ChargingSessionState {
  const stopAt = state.pendingStop?.at ?? Number.POSITIVE_INFINITY;
  const meter = applyTicks(
    startTimeline(state.start.meterStartWh, state.start.startedAt),
    toTicks(allSamples.filter((s) => s.at <= stopAt)),
    state.start.startedAt,
  );
  const next = bump({ ...state, meter }, now);
  return withFlag(next, 'SAMPLES_OUT_OF_ORDER');
}

/**
 * StopTransaction received. It is held (`pendingStop`) and applied by `completeSession` after a
 * settle delay, because meter values sent before the stop travel on another topic and may still be
 * on their way (docs/adr/0031). Samples newer than the stop are ignored from now on. A duplicate stop
 * (same or different event) changes nothing; `changed` is always false (nothing to publish yet).
 */
export function receiveStop(
  state: ChargingSessionState,
  stop: SessionStop,
  now: number,
): Transition {
  if (state.status === 'COMPLETED') {
    if (state.closedBy === 'STALE_POLICY' && !state.flags.includes('STOP_AFTER_POLICY_CLOSE')) {
      return { state: withFlag(state, 'STOP_AFTER_POLICY_CLOSE'), changed: false };
    }
    return { state, changed: false };
  }
  if (state.pendingStop) return { state, changed: false };
  return {
    state: {
      ...state,
      pendingStop: { ...stop },
      stopReceivedAt: now,
      staleCause: undefined,
      staleSince: undefined,
      staleMarkedAt: undefined,
    },
    changed: false,
  };
}

/**
 * Meter values and a stop that overtook the start (other topics), applied right after the start:
 * one new revision, so the `updated` event that follows is always newer than the `started` one
 * (consumers order a session's events by revision). Samples newer than the stop are left out.
 */
export function catchUpOvertaken(
  state: ChargingSessionState,
  samples: readonly MeterSample[],
  stop: SessionStop | undefined,
  now: number,
): Transition {
  if (samples.length === 0 && !stop) return { state, changed: false };
  const held = stop ? receiveStop(state, stop, now).state : state;
  if (samples.length > 0) return { state: rebuildSession(held, samples, now), changed: true };
  return { state: bump(held, now), changed: true };
}

/** Applies the held stop: final register reading, COMPLETED. `transactionData` is recorded before. */
export function completeSession(state: ChargingSessionState, now: number): Transition {
  const stop = state.pendingStop;
  if (state.status === 'COMPLETED' || !stop) return { state, changed: false };
  const meter = structuredClone(state.meter);
  applyRegister(meter, stop.meterStopWh, stop.at);
  const next: ChargingSessionState = {
    ...state,
    meter,
    status: 'COMPLETED',
    endedAt: Math.max(stop.at, meter.registerAt, state.start.startedAt),
    meterStopWh: stop.meterStopWh,
    stopReason: stop.reason,
    closedBy: 'STOP_TRANSACTION',
  };
  return { state: bump(next, now), changed: true };
}

/** `receiveStop` and `completeSession` at once (no settle delay). */
export function stopSession(
  state: ChargingSessionState,
  stop: SessionStop,
  now: number,
): Transition {
  const received = receiveStop(state, stop, now);
  if (received.state.status === 'COMPLETED' || received.state === state) return received;
  return completeSession(received.state, now);
}

/** What the sweeper does with a session that is due: complete a held stop, or close a stale one. */
export function closeDue(state: ChargingSessionState, now: number): Transition {
  return state.pendingStop ? completeSession(state, now) : closeStale(state, now);
}

/**
 * The stale-transaction policy, first step: a station boot after the start, the connector
 * becoming Available, or a newer transaction on the same connector makes an active session
 * suspect. It is not closed yet: a StopTransaction replayed after the reconnect still wins.
 */
export function markStale(
  state: ChargingSessionState,
  cause: StaleCause,
  observedAt: number,
  now: number,
): Transition {
  if (state.status !== 'ACTIVE' || state.staleCause !== undefined || state.pendingStop) {
    return { state, changed: false };
  }
  if (observedAt < state.start.startedAt) return { state, changed: false };
  return {
    state: { ...state, staleCause: cause, staleSince: observedAt, staleMarkedAt: now },
    changed: false,
  };
}

const STALE_STOP_REASONS: Record<StaleCause, StopReasonName> = {
  STATION_BOOTED: 'Reboot',
  CONNECTOR_AVAILABLE: 'EVDisconnected',
  NEW_TRANSACTION: 'Other',
};

/**
 * Second step: the grace period passed without a StopTransaction. The session completes with what
 * is known: the last accepted energy register reading as meter stop, its time as the end.
 */
export function closeStale(state: ChargingSessionState, now: number): Transition {
  if (state.status !== 'ACTIVE' || state.staleCause === undefined) return { state, changed: false };
  const next: ChargingSessionState = {
    ...state,
    status: 'COMPLETED',
    endedAt: Math.max(state.meter.registerAt, state.start.startedAt),
    meterStopWh: state.meter.registerWh,
    stopReason: STALE_STOP_REASONS[state.staleCause],
    closedBy: 'STALE_POLICY',
  };
  return { state: bump(withFlag(next, 'NEVER_STOPPED'), now), changed: true };
}

function bump(state: ChargingSessionState, now: number): ChargingSessionState {
  return { ...state, revision: state.revision + 1, lastUpdated: now };
}

function withFlag(state: ChargingSessionState, f: SessionFlag): ChargingSessionState {
  const flags = [...new Set<SessionFlag>([...state.flags, ...state.meter.flags, f])];
  return { ...state, flags };
}

/** Session flags plus the meter's own flags. */
export function allFlags(state: ChargingSessionState): SessionFlag[] {
  return [...new Set<SessionFlag>([...state.flags, ...state.meter.flags])];
}
