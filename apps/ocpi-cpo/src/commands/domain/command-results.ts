/**
 * OCPP command outcome (ocpp.command.completed) → OCPI result, pure (ADR 0066). Every command
 * gets exactly one result: the station's answer, or TIMEOUT from the sweeper.
 */

/** What an OCPI command or charging-profile request became on the OCPP side. */
export type RemoteCommandKind =
  | 'START_SESSION'
  | 'STOP_SESSION'
  | 'RESERVE_NOW'
  | 'CANCEL_RESERVATION'
  | 'UNLOCK_CONNECTOR'
  | 'GET_ACTIVE_PROFILE'
  | 'SET_PROFILE'
  | 'CLEAR_PROFILE';

export interface CommandOutcome {
  outcome: 'Responded' | 'CallError' | 'Timeout' | 'StationOffline' | 'InvalidResponse';
  responseStatus?: string;
  response?: Record<string, unknown>;
  error?: { code: string; description: string };
}

/** OCPI CommandResultType for the Commands module. */
export type CommandResultType =
  | 'ACCEPTED'
  | 'CANCELED_RESERVATION'
  | 'EVSE_OCCUPIED'
  | 'EVSE_INOPERATIVE'
  | 'FAILED'
  | 'NOT_SUPPORTED'
  | 'REJECTED'
  | 'TIMEOUT'
  | 'UNKNOWN_RESERVATION';

const NOT_SUPPORTED_CODES = new Set(['NotSupported', 'NotImplemented']);

/** The CommandResult for a station outcome [CMD › CommandResultType _enum_]. */
export function commandResultOf(kind: RemoteCommandKind, o: CommandOutcome): CommandResultType {
  switch (o.outcome) {
    case 'Timeout':
      return 'TIMEOUT';
    case 'CallError':
      return o.error && NOT_SUPPORTED_CODES.has(o.error.code) ? 'NOT_SUPPORTED' : 'FAILED';
    case 'StationOffline':
    case 'InvalidResponse':
      return 'FAILED';
    case 'Responded':
      return respondedResult(kind, o.responseStatus);
  }
}

const RESERVATION_RESULTS = new Map<string | undefined, CommandResultType>([
  ['Accepted', 'ACCEPTED'],
  ['Occupied', 'EVSE_OCCUPIED'],
  ['Faulted', 'EVSE_INOPERATIVE'],
  ['Unavailable', 'EVSE_INOPERATIVE'],
  ['Rejected', 'REJECTED'],
]);

function respondedResult(kind: RemoteCommandKind, status: string | undefined): CommandResultType {
  if (kind === 'UNLOCK_CONNECTOR') {
    // UnlockStatus: Unlocked, UnlockFailed, NotSupported
    if (status === 'Unlocked') return 'ACCEPTED';
    if (status === 'NotSupported') return 'NOT_SUPPORTED';
    return 'FAILED';
  }
  if (kind === 'RESERVE_NOW') {
    // ReservationStatus: Accepted, Faulted, Occupied, Rejected, Unavailable
    return RESERVATION_RESULTS.get(status) ?? 'FAILED';
  }
  if (kind === 'CANCEL_RESERVATION') {
    // CancelReservationStatus Rejected: "no reservation with that id"
    if (status === 'Accepted') return 'ACCEPTED';
    if (status === 'Rejected') return 'UNKNOWN_RESERVATION';
    return 'FAILED';
  }
  // RemoteStartStopStatus: Accepted, Rejected
  if (status === 'Accepted') return 'ACCEPTED';
  if (status === 'Rejected') return 'REJECTED';
  return 'FAILED';
}

/** OCPI ChargingProfileResultType. */
export type ProfileResultType = 'ACCEPTED' | 'REJECTED' | 'UNKNOWN';

/**
 * GetCompositeSchedule / SetChargingProfile (Accepted, Rejected, NotSupported) /
 * ClearChargingProfile (Accepted, Unknown) → ChargingProfileResultType; no answer → REJECTED
 * (OCPI has no TIMEOUT here).
 */
export function profileResultOf(kind: RemoteCommandKind, o: CommandOutcome): ProfileResultType {
  if (o.outcome !== 'Responded') return 'REJECTED';
  if (o.responseStatus === 'Accepted') return 'ACCEPTED';
  if (kind === 'CLEAR_PROFILE' && o.responseStatus === 'Unknown') return 'UNKNOWN';
  return 'REJECTED';
}

export const isProfileKind = (kind: RemoteCommandKind): boolean =>
  kind === 'GET_ACTIVE_PROFILE' || kind === 'SET_PROFILE' || kind === 'CLEAR_PROFILE';

/** The body POSTed to the response_url for an outcome (`undefined` outcome = our own timeout). */
export function resultBody(
  kind: RemoteCommandKind,
  o: CommandOutcome,
  now: Date,
): Record<string, unknown> {
  if (!isProfileKind(kind)) return { result: commandResultOf(kind, o) };
  const result = profileResultOf(kind, o);
  if (kind !== 'GET_ACTIVE_PROFILE' || result !== 'ACCEPTED') return { result };
  const profile = activeProfileOf(o.response?.chargingSchedule, now);
  return profile ? { result, profile } : { result: 'REJECTED' };
}

interface OcppSchedule {
  duration?: number;
  startSchedule?: string;
  chargingRateUnit?: string;
  chargingSchedulePeriod?: { startPeriod: number; limit: number }[];
  minChargingRate?: number;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** OCPP ChargingSchedule (GetCompositeSchedule.conf) → OCPI ActiveChargingProfile. */
export function activeProfileOf(schedule: unknown, now: Date): Record<string, unknown> | undefined {
  if (!schedule || typeof schedule !== 'object') return undefined;
  const s = schedule as OcppSchedule;
  if (s.chargingRateUnit !== 'W' && s.chargingRateUnit !== 'A') return undefined;
  const start = s.startSchedule ? new Date(s.startSchedule) : now;
  return {
    start_date_time: start.toISOString(),
    charging_profile: {
      start_date_time: start.toISOString(),
      ...(s.duration !== undefined ? { duration: s.duration } : {}),
      charging_rate_unit: s.chargingRateUnit,
      ...(s.minChargingRate !== undefined ? { min_charging_rate: s.minChargingRate } : {}),
      charging_profile_period: (s.chargingSchedulePeriod ?? []).map((p) => ({
        start_period: p.startPeriod,
        limit: oneDecimal(p.limit),
      })),
    },
  };
}

/** OCPI ChargingProfile (SetChargingProfile) → OCPP 1.6 ChargingSchedule. */
export function ocppScheduleOf(profile: {
  start_date_time?: string | null;
  duration?: number | null;
  charging_rate_unit: string;
  min_charging_rate?: number | null;
  charging_profile_period?: { start_period: number; limit: number }[] | null;
}): Record<string, unknown> {
  return {
    ...(profile.duration !== undefined && profile.duration !== null
      ? { duration: profile.duration }
      : {}),
    ...(profile.start_date_time
      ? { startSchedule: new Date(withZ(profile.start_date_time)).toISOString() }
      : {}),
    chargingRateUnit: profile.charging_rate_unit,
    chargingSchedulePeriod: (profile.charging_profile_period ?? []).map((p) => ({
      startPeriod: p.start_period,
      limit: oneDecimal(p.limit),
    })),
    ...(profile.min_charging_rate !== undefined && profile.min_charging_rate !== null
      ? { minChargingRate: oneDecimal(profile.min_charging_rate) }
      : {}),
  };
}

const withZ = (v: string) => (v.endsWith('Z') ? v : `${v}Z`);
