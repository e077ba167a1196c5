import {
  applyOcpiPatch,
  isNewer,
  parseOcpiDateTime,
  type TokenDto,
  type TokenPatchDto,
} from '@voltlane/protocols-ocpi';

/** OCPI TokenType values (mod_tokens); the Receiver URL's `?type=` defaults to RFID. */
export const TOKEN_TYPES = ['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'] as const;
export type ReceivedTokenType = (typeof TOKEN_TYPES)[number];

/** Identity of a received token: (country_code, party_id, uid, type), ids case-insensitive. */
export interface TokenIdentity {
  countryCode: string;
  partyId: string;
  uid: string;
  type: ReceivedTokenType;
}

/** A token as we store it (the full OCPI object as received). */
export type TokenJson = TokenDto & Record<string, unknown>;

export class TokenRequestError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_owned',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

const same = (a: string | undefined | null, b: string) =>
  typeof a === 'string' && a.toUpperCase() === b.toUpperCase();

/** `?type=` of the Receiver URL: absent = RFID [TOK › Request Parameters]; anything else → 2001. */
export function tokenTypeOf(query: unknown): ReceivedTokenType {
  if (query === undefined || query === null || query === '') return 'RFID';
  const type = String(query).toUpperCase();
  if (!(TOKEN_TYPES as readonly string[]).includes(type)) {
    throw new TokenRequestError('invalid', `type must be one of ${TOKEN_TYPES.join(', ')}`);
  }
  return type as ReceivedTokenType;
}

/** URL ids must equal the body's ids (case-insensitively) [T&F › Errors] → else 2001. */
export function assertSameIdentity(
  url: TokenIdentity,
  body: { country_code?: string; party_id?: string; uid?: string; type?: string },
  requireAll: boolean,
): void {
  const fields: [string, string | undefined, string][] = [
    ['country_code', body.country_code, url.countryCode],
    ['party_id', body.party_id, url.partyId],
    ['uid', body.uid, url.uid],
    ['type', body.type, url.type],
  ];
  for (const [name, value, expected] of fields) {
    if (value === undefined || value === null) {
      if (requireAll) throw new TokenRequestError('invalid', `${name} is required`);
      continue;
    }
    if (!same(value, expected)) {
      throw new TokenRequestError(
        'invalid',
        `${name} in the body (${value}) differs from the URL (${expected})`,
      );
    }
  }
}

export type TokenChange =
  { kind: 'unchanged'; token: TokenJson } | { kind: 'stored'; token: TokenJson; created: boolean };

/**
 * PUT: stores the new token unless what we hold is at least as new (`last_updated`): an older or
 * equal PUT is acknowledged and ignored, so a late retry never overwrites a newer state.
 */
export function putToken(incoming: TokenJson, stored: TokenJson | null): TokenChange {
  if (stored && !isNewer(incoming.last_updated, stored.last_updated)) {
    return { kind: 'unchanged', token: stored };
  }
  return { kind: 'stored', token: incoming, created: stored === null };
}

/** PATCH: merged into the stored token unless older or equal to it (then acknowledged, ignored). */
export function patchToken(patch: TokenPatchDto, stored: TokenJson): TokenChange {
  if (!isNewer(patch.last_updated, stored.last_updated))
    return { kind: 'unchanged', token: stored };
  const merged = applyOcpiPatch(stored, patch) as TokenJson;
  // the identity never changes by PATCH (equal case-insensitively, checked against the URL)
  merged.country_code = stored.country_code;
  merged.party_id = stored.party_id;
  merged.uid = stored.uid;
  merged.type = stored.type;
  merged.last_updated = patch.last_updated;
  return { kind: 'stored', token: merged, created: false };
}

/** `last_updated` as an ISO instant (OCPI DateTime may lack the `Z`: it is UTC all the same). */
export function lastUpdatedIso(token: TokenJson): string {
  return parseOcpiDateTime(token.last_updated).toISOString();
}
