import { createHash } from 'node:crypto';

/**
 * The session id of an OCPP transaction: a name-based UUID (version 5 layout, SHA-1) of the station
 * and its transaction id. Deterministic, so meter values or a stop that overtake the start (they
 * travel on other topics) can be stored under the session id before the session exists, and a
 * replayed start maps to the same session.
 */
export function sessionIdOf(stationId: string, transactionId: string): string {
  const h = createHash('sha1')
    .update(`voltlane-session\u0000${stationId}\u0000${transactionId}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
