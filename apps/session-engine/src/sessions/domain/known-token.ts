import type { TokenType } from '@voltlane/protocols-ocpi';
import type { SessionAuthorization } from './session-place';

/** An OCPI token as session-engine keeps it from `token.token.upserted` (the eMSP and contract). */
export interface KnownToken {
  countryCode: string;
  partyId: string;
  uid: string;
  type: TokenType;
  contractId: string;
  /** epoch ms (OCPI `last_updated`): the newest upsert wins. */
  lastUpdated: number;
}

/**
 * How a session started by a StartTransaction (not a remote start) was authorised, when its idTag
 * is a known token: the token's eMSP, type and contract id, the idTag as the station sent it as the
 * uid, auth method WHITELIST (the station accepted the tag from its list/cache or our
 * Authorize answer — not told apart here). Unknown tag → undefined: the mapper's documented
 * fallback (our own party, contract id = idTag).
 */
export function authorizationOfIdTag(
  idTag: string,
  token: KnownToken | undefined,
): SessionAuthorization | undefined {
  if (!token) return undefined;
  return {
    token: {
      countryCode: token.countryCode,
      partyId: token.partyId,
      uid: idTag,
      type: token.type,
      contractId: token.contractId,
    },
    authMethod: 'WHITELIST',
  };
}
