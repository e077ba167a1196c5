import { type OcpiCaller, OcpiException } from '@voltlane/ocpi-core';
import { isOcpiUtcDateTime, OcpiStatus } from '@voltlane/protocols-ocpi';
import { sameId } from '../domain/received-object';
import type { ReceiveOutcome } from '../domain/received-object';

/**
 * The `{country_code}/{party_id}` of a Receiver URL, upper-cased, when the caller registered it as
 * one of its CPO roles; else HTTP 404 (T&F › Errors: objects of parties the caller does not own).
 */
export function ownedCpoParty(
  caller: OcpiCaller,
  countryCode: string,
  partyId: string,
): { countryCode: string; partyId: string } {
  if (!caller.owns(countryCode, partyId, 'CPO')) {
    throw OcpiException.notFound(`${countryCode}/${partyId} is not a CPO party of this partner`);
  }
  return { countryCode: countryCode.toUpperCase(), partyId: partyId.toUpperCase() };
}

/**
 * Identifiers in the body must equal the URL's (case-insensitive, CiString): else HTTP 400 + OCPI
 * 2001. `required` fields must be present (PUT bodies); others only when sent (PATCH bodies).
 */
export function requireSameIds(
  body: object,
  expected: Record<string, string>,
  required: boolean,
): void {
  const fields = body as Record<string, unknown>;
  for (const [field, value] of Object.entries(expected)) {
    const actual = fields[field];
    if (actual === undefined || actual === null) {
      if (required) throw OcpiException.invalidParameters(`${field} is required`);
      continue;
    }
    if (typeof actual !== 'string' || !sameId(actual, value)) {
      throw OcpiException.invalidParameters(
        `${field} in the body (${String(actual)}) differs from the URL (${value})`,
      );
    }
  }
}

/** Turns a failed ReceiveOutcome into the OCPI answer (404 + 2003 for unknown locations...). */
export function rejectUnapplied<T>(
  outcome: ReceiveOutcome<T>,
  unknownStatus: number = OcpiStatus.GenericClientError,
): void {
  if (outcome.kind === 'unknown') {
    throw OcpiException.notFound(`Unknown ${outcome.what}`, unknownStatus);
  }
  if (outcome.kind === 'invalid') throw OcpiException.invalidParameters(outcome.message);
}

/**
 * OCPI DateTimes are UTC only ("+00:00 is not the same as UTC", types › DateTime): fields that a
 * DTO checks more leniently (ISO-8601 with offsets) are held to that here; else HTTP 400 + 2001.
 */
export function requireUtcDateTimes(body: object, fields: string[]): void {
  const values = body as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field];
    if (value !== undefined && value !== null && !isOcpiUtcDateTime(value)) {
      throw OcpiException.invalidParameters(
        `${field}: must be an OCPI DateTime in UTC, e.g. 2015-06-29T20:39:09Z`,
      );
    }
  }
}
