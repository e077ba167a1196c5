import type { AuthorizationStatus } from '@voltlane/contracts-events';

/** What the authorization cache knows about a token (an OCPI token pushed by an eMSP). */
export interface CachedToken {
  uid: string;
  valid: boolean;
  whitelist: 'ALWAYS' | 'ALLOWED' | 'ALLOWED_OFFLINE' | 'NEVER';
  countryCode: string;
  partyId: string;
}

/** A real-time decision (ocpp.authorization.decided), as received or as remembered for the idTag. */
export interface RealTimeDecision {
  status: AuthorizationStatus;
  /** Until when an `Accepted` holds (OCPP `idTagInfo.expiryDate`). */
  expiryDate?: string;
  parentIdTag?: string;
}

export type AuthorizationSource =
  | 'token-store'
  | 'unknown-token'
  | 'needs-real-time'
  | 'remote-start'
  | 'emsp-real-time'
  | 'emsp-unreachable'
  | 'last-real-time-decision';

export interface AuthorizationDecision {
  status: AuthorizationStatus;
  source: AuthorizationSource;
  /** For the station's authorization cache (`idTagInfo.expiryDate`), only on `Accepted`. */
  expiryDate?: string;
  parentIdTag?: string;
}

/**
 * True when the token cannot be decided from the cache alone and the eMSP must be asked in real
 * time (OCPI 2.2.1 WhitelistType): unknown tokens, `NEVER` (real-time only) and `ALLOWED_OFFLINE`
 * (whitelisted only while the eMSP is unreachable). Invalid tokens are Blocked without asking.
 */
export function needsRealTime(token: CachedToken | null): boolean {
  if (!token) return true;
  return token.valid && (token.whitelist === 'NEVER' || token.whitelist === 'ALLOWED_OFFLINE');
}

export interface AuthorizationInput {
  token: CachedToken | null;
  /** The eMSP's answer to this request; null when it was not asked or did not answer in time. */
  realTime: RealTimeDecision | null;
  /** The newest real-time decision remembered for the idTag (for the unreachable case). */
  lastDecision: RealTimeDecision | null;
  now: Date;
}

/**
 * Decides an idTag with OCPI 2.2.1 whitelist semantics and OCPP 1.6 `AuthorizationStatus`:
 * - invalid token (`valid: false`) → Blocked, whatever the whitelist;
 * - `ALWAYS`, `ALLOWED` → Accepted from the cache (no real-time check needed);
 * - `NEVER`, `ALLOWED_OFFLINE` and unknown tokens → the eMSP's real-time decision; an `Accepted`
 *   whose `expiryDate` has passed is `Expired`;
 * - no real-time answer in time (eMSP unreachable): `ALLOWED_OFFLINE` → Accepted; otherwise the
 *   last real-time decision for the idTag while it holds (an `Accepted` only until its
 *   `expiryDate`, then `Expired`; an `Accepted` without expiry is not reused), else Invalid.
 * ConcurrentTx is applied afterwards by `withConcurrentTx` (it needs a transaction lookup).
 */
export function decideAuthorization(input: AuthorizationInput): AuthorizationDecision {
  const { token, realTime, lastDecision, now } = input;
  if (token && !token.valid) return { status: 'Blocked', source: 'token-store' };
  if (token && !needsRealTime(token)) return { status: 'Accepted', source: 'token-store' };
  if (realTime) return fromRealTime(realTime, 'emsp-real-time', now);
  if (token?.whitelist === 'ALLOWED_OFFLINE') {
    return { status: 'Accepted', source: 'emsp-unreachable' };
  }
  const fallback: AuthorizationDecision = {
    status: 'Invalid',
    source: token ? 'needs-real-time' : 'unknown-token',
  };
  if (!lastDecision) return fallback;
  if (lastDecision.status === 'Accepted' && !lastDecision.expiryDate) return fallback;
  return fromRealTime(lastDecision, 'last-real-time-decision', now);
}

function fromRealTime(
  decision: RealTimeDecision,
  source: AuthorizationSource,
  now: Date,
): AuthorizationDecision {
  if (decision.status !== 'Accepted') return { status: decision.status, source };
  if (decision.expiryDate && Date.parse(decision.expiryDate) <= now.getTime()) {
    return { status: 'Expired', source };
  }
  return {
    status: 'Accepted',
    source,
    ...(decision.expiryDate ? { expiryDate: decision.expiryDate } : {}),
    ...(decision.parentIdTag ? { parentIdTag: decision.parentIdTag } : {}),
  };
}

/** An accepted token already charging on another station gets ConcurrentTx (OCPP 1.6 §4.2). */
export function withConcurrentTx(
  decision: AuthorizationDecision,
  busyElsewhere: boolean,
): AuthorizationDecision {
  if (decision.status !== 'Accepted' || !busyElsewhere) return decision;
  return { status: 'ConcurrentTx', source: decision.source };
}
