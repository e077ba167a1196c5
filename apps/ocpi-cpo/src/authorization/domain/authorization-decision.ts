/**
 * Real-time authorization policy of ocpi-cpo (ADR 0066), pure: which tokens need the eMSP, how its
 * answer maps to OCPP `idTagInfo.status`, and the fallback when it cannot be reached.
 */

export type OcppAuthorizationStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';
export type DecisionSource =
  'emsp-real-time' | 'token-store' | 'unknown-token' | 'emsp-unreachable';

export interface Decision {
  status: OcppAuthorizationStatus;
  source: DecisionSource;
}

export interface KnownToken {
  whitelist: string;
  valid: boolean;
}

/** OCPI WhitelistType ALWAYS: the CPO decides from the token alone, no real-time call. */
export function decidesFromStore(token: KnownToken): boolean {
  return token.whitelist === 'ALWAYS';
}

/** ALWAYS: a valid token is accepted, an invalidated one blocked. */
export function decideFromStore(token: KnownToken): Decision {
  return { status: token.valid ? 'Accepted' : 'Blocked', source: 'token-store' };
}

/** OCPI AllowedType → OCPP AuthorizationStatus. */
export function statusOfAllowed(allowed: string): OcppAuthorizationStatus {
  switch (allowed) {
    case 'ALLOWED':
      return 'Accepted';
    case 'BLOCKED':
      return 'Blocked';
    case 'EXPIRED':
      return 'Expired';
    default: // NO_CREDIT, NOT_ALLOWED
      return 'Invalid';
  }
}

/** What the eMSP's answer to `POST {tokens}/{uid}/authorize` was, classified. */
export type EmspAnswer =
  | { kind: 'allowed'; allowed: string }
  | { kind: 'unknown-token' }
  | { kind: 'refused' }
  | { kind: 'unreachable' };

/** Classifies the HTTP/OCPI outcome of the call (the body is checked by the caller). */
export function classifyEmspAnswer(call: {
  ok: boolean;
  httpStatus: number;
  ocpiStatus?: number;
  allowed?: string;
}): EmspAnswer {
  if (call.ok && call.allowed) return { kind: 'allowed', allowed: call.allowed };
  // unknown token: HTTP 404 and/or OCPI 2004 [TOK › *POST* Method]
  if (call.ocpiStatus === 2004 || call.httpStatus === 404) return { kind: 'unknown-token' };
  // other client errors (2002 not enough information, 2001...) are an answer: not authorized
  const answeredClientError =
    call.ocpiStatus !== undefined && call.ocpiStatus >= 2000 && call.ocpiStatus < 3000;
  const transient = [0, 401, 403, 408, 429].includes(call.httpStatus) || call.httpStatus >= 500;
  if (answeredClientError && !transient) return { kind: 'refused' };
  // no answer, timeouts, 5xx, 3xxx/4xxx, unauthorized, or a 1000 without a valid body
  return { kind: 'unreachable' };
}

/**
 * The decision for a token that needs the eMSP (ALLOWED, ALLOWED_OFFLINE, NEVER). Unreachable:
 * ALLOWED_OFFLINE — and ALLOWED, which the CPO may whitelist anyway — are accepted while valid
 * [TOK › WhitelistType _enum_]; an invalidated one is Blocked; NEVER is Invalid.
 */
export function decideFromEmsp(token: KnownToken, answer: EmspAnswer): Decision {
  switch (answer.kind) {
    case 'allowed':
      return { status: statusOfAllowed(answer.allowed), source: 'emsp-real-time' };
    case 'unknown-token':
      return { status: 'Invalid', source: 'unknown-token' };
    case 'refused':
      return { status: 'Invalid', source: 'emsp-real-time' };
    case 'unreachable':
      if (token.whitelist === 'ALLOWED_OFFLINE' || token.whitelist === 'ALLOWED') {
        return { status: token.valid ? 'Accepted' : 'Blocked', source: 'emsp-unreachable' };
      }
      return { status: 'Invalid', source: 'emsp-unreachable' };
  }
}

/** No token with that uid was pushed to us: nobody to ask. */
export function decideUnknownToken(): Decision {
  return { status: 'Invalid', source: 'unknown-token' };
}

/** OCPP `parentIdTag` from the token's `group_id`, when it fits an OCPP 1.6 IdToken (20). */
export function parentIdTagOf(groupId: unknown): string | undefined {
  return typeof groupId === 'string' && /^[\x20-\x7E]{1,20}$/.test(groupId) ? groupId : undefined;
}

/** How long the eMSP call may take: the configured bound, never past the request's expiry. */
export function callBudgetMs(configuredMs: number, expiresAt: string, now: number): number {
  const left = Date.parse(expiresAt) - now - 100;
  return Math.max(100, Math.min(configuredMs, left));
}
