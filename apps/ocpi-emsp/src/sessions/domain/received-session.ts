import { applyOcpiPatch, isNewer, OcpiPatchError } from '@voltlane/protocols-ocpi';
import { type ReceiveOutcome, receiveFullObject } from '../../shared/domain/received-object';

export interface SessionJson {
  country_code: string;
  party_id: string;
  id: string;
  status: string;
  kwh: number;
  currency: string;
  cdr_token: { uid: string; [field: string]: unknown };
  total_cost?: { excl_vat: number; incl_vat?: number | null } | null;
  charging_periods?: unknown[] | null;
  last_updated: string;
  [field: string]: unknown;
}

/**
 * PUT of a Session (mod_sessions, PUT Method): replaces ours entirely, `charging_periods`
 * included (omitted = none). Older than what we hold → ignored.
 */
export function receiveSessionPut(
  stored: SessionJson | null,
  incoming: SessionJson,
): ReceiveOutcome<SessionJson> {
  return receiveFullObject(stored, incoming);
}

/**
 * PATCH of a Session (mod_sessions, PATCH Method): fields merged, `charging_periods` appended
 * (ADR 0063). Unknown session → unknown (the CPO must PUT it first); older → ignored.
 */
export function receiveSessionPatch(
  stored: SessionJson | null,
  patch: { last_updated: string },
): ReceiveOutcome<SessionJson> {
  if (!stored) return { kind: 'unknown', what: 'Session' };
  if (!isNewer(patch.last_updated, stored.last_updated)) return { kind: 'ignored' };
  try {
    return { kind: 'applied', object: applyOcpiPatch(stored, patch), created: false };
  } catch (error) {
    if (error instanceof OcpiPatchError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}
