import type { AuthorizationStatus } from '@voltlane/contracts-events';

/** What the authorization cache knows about a token (an OCPI token pushed by an eMSP). */
export interface CachedToken {
  uid: string;
  valid: boolean;
  whitelist: 'ALWAYS' | 'ALLOWED' | 'ALLOWED_OFFLINE' | 'NEVER';
  countryCode: string;
  partyId: string;
}

export type AuthorizationSource =
  'token-store' | 'unknown-token' | 'needs-real-time' | 'remote-start';

export interface AuthorizationDecision {
  status: AuthorizationStatus;
  source: AuthorizationSource;
}

/**
 * Decides an idTag from the local cache, with OCPI 2.2.1 whitelist semantics:
 * - invalid token (`valid: false`) → Blocked, whatever the whitelist;
 * - `ALWAYS` → Accepted without asking the eMSP;
 * - `ALLOWED` (real-time check optional) and `ALLOWED_OFFLINE` (whitelist allowed when the eMSP is
 *   unreachable) → Accepted: no real-time channel to eMSPs exists yet, which is the "eMSP
 *   unreachable" case;
 * - `NEVER` (real-time check required) → Invalid until real-time authorization exists;
 * - unknown token → Invalid (documented policy until the real-time check with ocpi-cpo exists);
 * - an accepted token that already has a transaction in progress elsewhere → ConcurrentTx.
 */
export function decideAuthorization(
  token: CachedToken | null,
  hasOtherOpenTransaction: boolean,
): AuthorizationDecision {
  if (!token) return { status: 'Invalid', source: 'unknown-token' };
  if (!token.valid) return { status: 'Blocked', source: 'token-store' };
  if (token.whitelist === 'NEVER') return { status: 'Invalid', source: 'needs-real-time' };
  if (hasOtherOpenTransaction) return { status: 'ConcurrentTx', source: 'token-store' };
  return { status: 'Accepted', source: 'token-store' };
}
