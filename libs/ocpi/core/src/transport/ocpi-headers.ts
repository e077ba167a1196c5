import { randomUUID } from 'node:crypto';

export const X_REQUEST_ID = 'x-request-id';
export const X_CORRELATION_ID = 'x-correlation-id';
export const OCPI_FROM_COUNTRY_CODE = 'ocpi-from-country-code';
export const OCPI_FROM_PARTY_ID = 'ocpi-from-party-id';
export const OCPI_TO_COUNTRY_CODE = 'ocpi-to-country-code';
export const OCPI_TO_PARTY_ID = 'ocpi-to-party-id';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface HeaderBag {
  headers: Record<string, string | string[] | undefined>;
}

export function header(req: HeaderBag, name: string): string | undefined {
  const v = req.headers[name];
  const value = Array.isArray(v) ? v[0] : v;
  return value === undefined || value === '' ? undefined : value;
}

/** The request id to echo: the caller's when it is a sane id, else a fresh uuid. */
export function requestIdOf(req: HeaderBag): string {
  const v = header(req, X_REQUEST_ID);
  return v && ACCEPTABLE_ID.test(v) ? v : randomUUID();
}

export interface PartyRef {
  countryCode: string;
  partyId: string;
}

/** Reads one pair of routing headers; both or neither must be present. */
export function routingPair(
  req: HeaderBag,
  countryHeader: string,
  partyHeader: string,
): PartyRef | undefined | 'invalid' {
  const countryCode = header(req, countryHeader);
  const partyId = header(req, partyHeader);
  if (countryCode === undefined && partyId === undefined) return undefined;
  if (
    !countryCode ||
    !partyId ||
    !/^[A-Za-z]{2}$/.test(countryCode) ||
    !/^[A-Za-z0-9]{3}$/.test(partyId)
  ) {
    return 'invalid';
  }
  return { countryCode: countryCode.toUpperCase(), partyId: partyId.toUpperCase() };
}
