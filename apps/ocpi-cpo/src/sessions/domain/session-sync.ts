/**
 * Pure rules of the Sessions Sender (ADR 0065): which OCPI Session we hold for an event, what the
 * token's eMSP is sent (a full PUT or a PATCH of the changed fields), and the owner of a session.
 */

/** An OCPI 2.2.1 Session object as JSON (validated with `OcpiSession` before it is stored). */
export interface SessionJson {
  country_code: string;
  party_id: string;
  id: string;
  status: string;
  last_updated: string;
  cdr_token: {
    country_code: string;
    party_id: string;
    uid: string;
    type: string;
    contract_id?: string;
  };
  charging_periods?: unknown[] | null;
  total_cost?: { excl_vat: number; incl_vat?: number | null } | null;
  location_id: string;
  evse_uid: string;
  currency: string;
  [field: string]: unknown;
}

/** A live price of the session (from `rating.session-cost.updated`). */
export interface SessionCost {
  sessionRevision: number;
  currency: string;
  exclVat: number;
  inclVat?: number;
  calculatedAt: string;
}

/** OCPI: COMPLETED and INVALID sessions are final ("no more modifications"). */
export const FINAL_SESSION_STATUSES: readonly string[] = ['COMPLETED', 'INVALID'];

export const isFinal = (session: Pick<SessionJson, 'status'>): boolean =>
  FINAL_SESSION_STATUSES.includes(session.status);

/** CiString key of an id (ids compare case-insensitively). */
export const keyOf = (id: string): string => id.toUpperCase();

/** The eMSP party that owns the session's token (upper case). */
export const tokenOwnerOf = (s: SessionJson): { countryCode: string; partyId: string } => ({
  countryCode: s.cdr_token.country_code.toUpperCase(),
  partyId: s.cdr_token.party_id.toUpperCase(),
});

/** OCPI numbers: 4 decimals. */
const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** OCPI DateTime in UTC with `Z`; milliseconds only when not zero. */
export function ocpiDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The `last_updated` of a new state of the object: the source's time, but always strictly later
 * than what partners already have — receivers ignore an object whose `last_updated` is not newer
 * (ADR 0063), and session-engine's timestamps have second precision.
 */
export function nextLastUpdated(previous: string | undefined, candidate: string): string {
  const c = Date.parse(candidate);
  const p = previous === undefined ? Number.NaN : Date.parse(previous);
  if (Number.isNaN(p) || c > p) return ocpiDateTime(c);
  return ocpiDateTime(p + 1);
}

/** Decides whether an event of the session is older than what we hold (then it is dropped). */
export function isStale(
  held: { revision: number; sourceLastUpdated?: string } | null,
  incoming: { revision: number; lastUpdated: string },
): boolean {
  if (!held || held.revision === 0) return false;
  if (incoming.revision <= held.revision) return true;
  if (held.sourceLastUpdated === undefined) return false;
  return Date.parse(incoming.lastUpdated) < Date.parse(held.sourceLastUpdated);
}

/** Whether a cost may replace the one held: newer session revision, or same revision but later. */
export function isNewerCost(held: SessionCost | undefined, incoming: SessionCost): boolean {
  if (!held) return true;
  if (incoming.sessionRevision !== held.sessionRevision) {
    return incoming.sessionRevision > held.sessionRevision;
  }
  return Date.parse(incoming.calculatedAt) > Date.parse(held.calculatedAt);
}

/**
 * The Session as we publish it: session-engine's object, with the live `total_cost` when the
 * currency matches (a final session keeps the price it had: OCPI allows no change after it).
 */
export function composeSession(source: SessionJson, cost: SessionCost | undefined): SessionJson {
  const session: SessionJson = { ...source };
  if (cost && cost.currency.toUpperCase() === source.currency.toUpperCase()) {
    session.total_cost =
      cost.inclVat === undefined
        ? { excl_vat: round4(cost.exclVat) }
        : { excl_vat: round4(cost.exclVat), incl_vat: round4(cost.inclVat) };
  }
  return session;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Equal apart from `last_updated`. */
export function sameContent(a: SessionJson, b: SessionJson): boolean {
  return sameJson({ ...a, last_updated: undefined }, { ...b, last_updated: undefined });
}

/**
 * What the eMSP is given of a session: while it runs, only the charging periods that are closed
 * (session-engine keeps extending the last one, and a PATCH can only append periods); a final
 * session with all of them.
 */
export function partnerView(session: SessionJson): SessionJson {
  const periods = session.charging_periods ?? [];
  if (isFinal(session) || periods.length === 0) return { ...session };
  return { ...session, charging_periods: periods.slice(0, -1) };
}

export type SessionPush =
  { method: 'PUT'; body: SessionJson } | { method: 'PATCH'; body: Record<string, unknown> };

/**
 * The push that brings the eMSP from `sent` (what it was given so far, null = nothing) to `next`
 * (a partner view): a PUT for a new session, for the final state, and whenever a PATCH cannot say
 * it (a field removed, an already sent charging period changed); else a PATCH with only the changed
 * fields, the new charging periods and `last_updated`; null when nothing changed.
 */
export function planSessionPush(sent: SessionJson | null, next: SessionJson): SessionPush | null {
  if (!sent) return { method: 'PUT', body: next };
  if (sameContent(sent, next)) return null;
  if (isFinal(next)) return { method: 'PUT', body: next };
  const sentPeriods = sent.charging_periods ?? [];
  const nextPeriods = next.charging_periods ?? [];
  if (
    nextPeriods.length < sentPeriods.length ||
    sentPeriods.some((p, i) => !sameJson(p, nextPeriods[i]))
  ) {
    return { method: 'PUT', body: next };
  }
  const patch: Record<string, unknown> = {};
  const fields = new Set([...Object.keys(sent), ...Object.keys(next)]);
  for (const field of fields) {
    if (field === 'charging_periods' || field === 'last_updated') continue;
    const before = sent[field];
    const after = next[field];
    if (after === undefined || after === null) {
      if (before !== undefined && before !== null) return { method: 'PUT', body: next };
      continue;
    }
    if (!sameJson(before, after)) patch[field] = after;
  }
  if (nextPeriods.length > sentPeriods.length) {
    patch.charging_periods = nextPeriods.slice(sentPeriods.length);
  }
  if (Object.keys(patch).length === 0) return null;
  patch.last_updated = next.last_updated;
  return { method: 'PATCH', body: patch };
}
