import { createHash } from 'node:crypto';
import type { OcpiSession } from '@voltlane/protocols-ocpi';
import { type OcpiSessionContext, ocpiDateTime } from './ocpi-session.mapper';
import type { RequestedPlace, SessionAuthorization, SessionPlace } from './session-place';

/**
 * A remote-started session before its transaction exists: OCPI status PENDING from the
 * RemoteStartTransaction request until the station's StartTransaction (→ ACTIVE, same session id),
 * or INVALID when the command is rejected / fails or no start comes within the window (OCPI: an
 * INVALID session is never billed, ocpi/ocpi#524). Pure transitions, like charging-session.ts.
 * See docs/adr/0032-session-engine-remote-start-and-location-snapshot.md.
 */

export type PendingSessionStatus = 'PENDING' | 'ACTIVE' | 'INVALID';
export type InvalidReason = 'COMMAND_REJECTED' | 'COMMAND_FAILED' | 'START_TIMEOUT';

export interface RemoteStartRequest {
  commandId: string;
  stationId: string;
  /** OCPP connector; absent when the station may choose. */
  connectorId?: number;
  /** The OCPP idTag the station will start with. */
  idTag: string;
  authorization: SessionAuthorization;
  /** The OCPI location / EVSE / connector the eMSP asked for, when it named all three. */
  requestedPlace?: RequestedPlace;
}

export interface PendingSession {
  /** The OCPI Session id, kept when the session becomes ACTIVE. */
  sessionId: string;
  request: RemoteStartRequest;
  place: SessionPlace;
  status: PendingSessionStatus;
  revision: number;
  /** epoch ms: creation (OCPI start_date_time while PENDING). */
  createdAt: number;
  /** epoch ms: INVALID (START_TIMEOUT) if no StartTransaction matched before. */
  expiresAt: number;
  /** The station answered Accepted (still waiting for its StartTransaction). */
  commandAccepted?: boolean;
  invalidReason?: InvalidReason;
  invalidatedAt?: number;
  /** Internal key of the charging session it became (sessionIdOf(station, transaction)). */
  activatedSessionKey?: string;
  activatedAt?: number;
  lastUpdated: number;
}

/** What the gateway reported for the command (`ocpp.command.completed`). */
export interface CommandResult {
  outcome: string;
  responseStatus?: string;
  /** epoch ms */
  completedAt: number;
}

export interface PendingTransition {
  state: PendingSession;
  changed: boolean;
}

/** Session id of a remote start: name-based (v5 layout) on the command id, so replays map to it. */
export function pendingSessionIdOf(commandId: string): string {
  const h = createHash('sha1').update(`voltlane-remote-start\u0000${commandId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function openPendingSession(
  request: RemoteStartRequest,
  place: SessionPlace,
  now: number,
  windowMs: number,
): PendingSession {
  return {
    sessionId: pendingSessionIdOf(request.commandId),
    request: { ...request },
    place,
    status: 'PENDING',
    revision: 1,
    createdAt: now,
    expiresAt: now + windowMs,
    lastUpdated: now,
  };
}

/**
 * The command's result. `Responded` + `Accepted` keeps the session PENDING (the station will start
 * once the driver plugs in); another answer (`Rejected`) is COMMAND_REJECTED; a CALLERROR, no
 * answer, an offline station or an invalid answer is COMMAND_FAILED. Only a PENDING session changes.
 */
export function applyCommandResult(
  state: PendingSession,
  result: CommandResult,
  now: number,
): PendingTransition {
  if (state.status !== 'PENDING') return { state, changed: false };
  if (result.outcome === 'Responded' && result.responseStatus === 'Accepted') {
    if (state.commandAccepted) return { state, changed: false };
    return { state: { ...state, commandAccepted: true }, changed: false };
  }
  const reason: InvalidReason =
    result.outcome === 'Responded' ? 'COMMAND_REJECTED' : 'COMMAND_FAILED';
  return invalidate(state, reason, Math.max(result.completedAt, state.createdAt), now);
}

/** The window is over without a StartTransaction: INVALID (START_TIMEOUT). */
export function expirePending(state: PendingSession, now: number): PendingTransition {
  if (state.status !== 'PENDING' || now < state.expiresAt) return { state, changed: false };
  return invalidate(state, 'START_TIMEOUT', state.expiresAt, now);
}

function invalidate(
  state: PendingSession,
  reason: InvalidReason,
  at: number,
  now: number,
): PendingTransition {
  return {
    state: {
      ...state,
      status: 'INVALID',
      invalidReason: reason,
      invalidatedAt: at,
      revision: state.revision + 1,
      lastUpdated: now,
    },
    changed: true,
  };
}

/** Whether a StartTransaction (station, connector, idTag) is the start this session waits for. */
export function matchesStart(
  state: PendingSession,
  start: { stationId: string; connectorId: number; idTag: string },
): boolean {
  const r = state.request;
  return (
    state.status === 'PENDING' &&
    r.stationId === start.stationId &&
    (r.connectorId === undefined || r.connectorId === start.connectorId) &&
    r.idTag.toUpperCase() === start.idTag.toUpperCase()
  );
}

/**
 * The station started: the pending session becomes the ACTIVE charging session `sessionKey`. The
 * charging session continues with `revision + 1` (so its started event supersedes the PENDING one).
 */
export function activatePending(
  state: PendingSession,
  sessionKey: string,
  startedAt: number,
  now: number,
): PendingTransition {
  if (state.status !== 'PENDING') return { state, changed: false };
  return {
    state: {
      ...state,
      status: 'ACTIVE',
      activatedSessionKey: sessionKey,
      activatedAt: startedAt,
      revision: state.revision + 1,
      lastUpdated: now,
    },
    changed: true,
  };
}

/** The OCPI Session of a PENDING or INVALID session (an ACTIVE one is a charging session). */
export function toOcpiPendingSession(state: PendingSession, ctx: OcpiSessionContext): OcpiSession {
  const auth = state.request.authorization;
  const session: OcpiSession = {
    country_code: ctx.countryCode,
    party_id: ctx.partyId,
    id: state.sessionId,
    start_date_time: ocpiDateTime(state.createdAt),
    kwh: 0,
    cdr_token: {
      country_code: auth.token.countryCode,
      party_id: auth.token.partyId,
      uid: auth.token.uid,
      type: auth.token.type,
      contract_id: auth.token.contractId,
    },
    auth_method: auth.authMethod,
    location_id: state.place.locationId,
    evse_uid: state.place.evseUid,
    connector_id: state.place.connectorId,
    currency: ctx.currency,
    status: state.status === 'INVALID' ? 'INVALID' : 'PENDING',
    last_updated: ocpiDateTime(state.lastUpdated),
  };
  if (auth.authorizationReference !== undefined) {
    session.authorization_reference = auth.authorizationReference;
  }
  if (state.status === 'INVALID' && state.invalidatedAt !== undefined) {
    session.end_date_time = ocpiDateTime(Math.max(state.invalidatedAt, state.createdAt));
  }
  return session;
}
