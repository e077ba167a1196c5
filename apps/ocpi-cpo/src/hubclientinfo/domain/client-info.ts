import { isNewer } from '@voltlane/protocols-ocpi';

export interface ClientInfoJson {
  party_id: string;
  country_code: string;
  role: string;
  status: string;
  last_updated: string;
}

/** URL `{country_code}/{party_id}` must equal the object's (case-insensitively) → else 2001. */
export function idsMatch(url: { countryCode: string; partyId: string }, info: ClientInfoJson) {
  return (
    url.countryCode.toUpperCase() === info.country_code.toUpperCase() &&
    url.partyId.toUpperCase() === info.party_id.toUpperCase()
  );
}

/** A PUT older than (or as old as) the stored object changes nothing. */
export function shouldStore(incoming: ClientInfoJson, stored: ClientInfoJson | null): boolean {
  return stored === null || isNewer(incoming.last_updated, stored.last_updated);
}
