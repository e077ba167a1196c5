import { canonicalJson } from '../../shared/domain/canonical-json';

/** Our eMSP token as OCPI 2.2.1 `Token` (mod_tokens, Token Object) plus the driver it belongs to. */
export interface OcpiTokenJson {
  country_code: string;
  party_id: string;
  uid: string;
  type: string;
  contract_id: string;
  visual_number?: string;
  issuer: string;
  group_id?: string;
  valid: boolean;
  whitelist: string;
  language?: string;
  default_profile_type?: string;
  energy_contract?: { supplier_name: string; contract_id?: string };
  last_updated: string;
}

export interface EmspToken {
  token: OcpiTokenJson;
  driverId: string | null;
}

/** What an operator or the driver API sets on a token (the OCPI fields we own). */
export interface TokenInput {
  uid: string;
  type: string;
  contract_id: string;
  issuer: string;
  valid: boolean;
  whitelist: string;
  visual_number?: string | null;
  group_id?: string | null;
  language?: string | null;
  default_profile_type?: string | null;
  energy_contract?: { supplier_name: string; contract_id?: string | null } | null;
  driver_id?: string | null;
}

const OPTIONAL = [
  'visual_number',
  'group_id',
  'language',
  'default_profile_type',
  'energy_contract',
] as const;

/**
 * The token after an upsert: our party, the given fields (optional ones left out when null), the
 * uid kept as first stored (identity is case-insensitive) and a `last_updated` that is now, but
 * always later than the previous one. `changed` is false when no OCPI field or driver changed:
 * then nothing is stored or pushed.
 */
export function upsertToken(
  previous: EmspToken | null,
  input: TokenInput,
  party: { countryCode: string; partyId: string },
  now: Date,
): { token: EmspToken; changed: boolean; created: boolean } {
  const token: OcpiTokenJson = {
    country_code: party.countryCode,
    party_id: party.partyId,
    uid: previous?.token.uid ?? input.uid,
    type: input.type,
    contract_id: input.contract_id,
    issuer: input.issuer,
    valid: input.valid,
    whitelist: input.whitelist,
    last_updated: previous?.token.last_updated ?? now.toISOString(),
  };
  for (const field of OPTIONAL) {
    const value = input[field];
    if (value !== undefined && value !== null) Object.assign(token, { [field]: value });
  }
  if (token.energy_contract && token.energy_contract.contract_id == null) {
    delete token.energy_contract.contract_id;
  }
  const driverId = input.driver_id === undefined ? (previous?.driverId ?? null) : input.driver_id;
  if (previous && sameToken(previous.token, token) && previous.driverId === driverId) {
    return { token: previous, changed: false, created: false };
  }
  const previousMillis = previous ? Date.parse(previous.token.last_updated) : 0;
  token.last_updated = new Date(Math.max(now.getTime(), previousMillis + 1)).toISOString();
  return { token: { token, driverId }, changed: true, created: previous === null };
}

const sameToken = (a: OcpiTokenJson, b: OcpiTokenJson): boolean =>
  canonicalJson({ ...a, last_updated: '' }) === canonicalJson({ ...b, last_updated: '' });
