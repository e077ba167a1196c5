/**
 * CDRs we send (ADR 0065): immutable once stored; each goes to the eMSP owning its token, once.
 * Pure helpers, no Nest/TypeORM.
 */

/** An OCPI 2.2.1 CDR as JSON (validated with `CdrDto` before it is stored). */
export interface CdrJson {
  country_code: string;
  party_id: string;
  id: string;
  session_id?: string | null;
  credit?: boolean | null;
  cdr_token: { country_code: string; party_id: string; uid: string; type: string };
  last_updated: string;
  [field: string]: unknown;
}

/** CiString key of a CDR id (unique per our country_code/party_id). */
export const cdrKeyOf = (id: string): string => id.toUpperCase();

/** Push-queue object key of a CDR: `cdr:<KEY>` (a POST is never superseded). */
export const cdrObjectKey = (id: string): string => `cdr:${cdrKeyOf(id)}`;

/** The CDR key of a push-queue object key, or undefined for anything else. */
export function cdrKeyOfObjectKey(objectKey: string): string | undefined {
  return objectKey.startsWith('cdr:') ? objectKey.slice('cdr:'.length) : undefined;
}

/** The eMSP party that owns the CDR's token (upper case). */
export const cdrOwnerOf = (cdr: CdrJson): { countryCode: string; partyId: string } => ({
  countryCode: cdr.cdr_token.country_code.toUpperCase(),
  partyId: cdr.cdr_token.party_id.toUpperCase(),
});
