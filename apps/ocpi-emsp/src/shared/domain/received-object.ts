import { isNewer, ocpiDateTimeToMillis } from '@voltlane/protocols-ocpi';

/**
 * Pure rules shared by the eMSP Receiver modules (ADR 0070): object keys, timestamps and the
 * outcome of applying one push to what we hold.
 */

/** CiString ids compare case-insensitively: rows are keyed by the upper-case id. */
export const keyOf = (id: string): string => id.toUpperCase();

/** Same CiString id, ignoring case. */
export const sameId = (a: string | undefined | null, b: string | undefined | null): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toUpperCase() === b.toUpperCase();

/** An OCPI DateTime (with or without `Z`, any fraction) as an ISO-8601 UTC string with `Z`. */
export function toUtc(ocpiDateTime: string): string {
  return new Date(ocpiDateTimeToMillis(ocpiDateTime)).toISOString();
}

/** Money with at most four decimals (OCPI `number` default, event contract precision). */
export const money = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Which party owns a received object and which partner connection pushed it. */
export interface ReceivedRef {
  partnerId: string;
  countryCode: string;
  partyId: string;
  id: string;
}

/** What applying one push to the stored object gave. */
export type ReceiveOutcome<T> =
  | { kind: 'applied'; object: T; created: boolean }
  /** Not newer than what we hold (older, or a replay with the same `last_updated`): ignored. */
  | { kind: 'ignored' }
  /** The Location (or the EVSE/Connector a sub-path names) is not known: the CPO must PUT it. */
  | { kind: 'unknown'; what: string }
  /** The push contradicts what we hold (e.g. tries to change an identifier). */
  | { kind: 'invalid'; message: string };

/** A PUT of a whole object: applied when newer than the stored one (or when there is none). */
export function receiveFullObject<T extends { last_updated: string }>(
  stored: T | null,
  incoming: T,
): ReceiveOutcome<T> {
  if (stored && !isNewer(incoming.last_updated, stored.last_updated)) return { kind: 'ignored' };
  return { kind: 'applied', object: incoming, created: stored === null };
}
