import type { OcpiEvseStatus } from './evse-status';

/**
 * Our CPO's Locations as operators maintain them (PUT/DELETE through the admin API) and as OCPP
 * status changes them. Pure functions over the OCPI JSON objects (ADR 0064): no Nest/TypeORM.
 */
export type Json = Record<string, unknown>;

export interface ConnectorJson extends Json {
  id: string;
  last_updated: string;
}

export interface EvseJson extends Json {
  uid: string;
  status: OcpiEvseStatus;
  connectors: ConnectorJson[];
  last_updated: string;
}

export interface LocationJson extends Json {
  country_code: string;
  party_id: string;
  id: string;
  publish: boolean;
  publish_allowed_to?: unknown[] | null;
  time_zone: string;
  evses?: EvseJson[] | null;
  last_updated: string;
}

/** Which OCPP station connector serves an EVSE (one EVSE per OCPP connector). */
export interface OcppMapping {
  stationId: string;
  connectorId: number;
}

/** An EVSE row beside the location: its OCPP mapping and whether it is retired. */
export interface EvseMappingRecord {
  evseUid: string;
  stationId: string;
  ocppConnectorId: number;
  /** The OCPI connector the OCPP connector is (the EVSE's first connector). */
  ocpiConnectorId: string;
  removed: boolean;
}

export interface PutLocationInput {
  /** The validated body with `ocpp` removed from every EVSE. */
  location: LocationJson;
  /** Mapping per EVSE uid (upper-case key) of the body. */
  mappings: Map<string, OcppMapping>;
  previous?: { location: LocationJson; evses: EvseMappingRecord[] };
  /** The live status from OCPP of an EVSE (upper-case uid), when known. */
  liveStatusOf(evseKey: string): OcpiEvseStatus | undefined;
  now: string;
}

export interface LocationChange {
  location: LocationJson;
  evses: EvseMappingRecord[];
  /** False when the PUT changed nothing (same content): nothing to publish or push. */
  changed: boolean;
}

export const keyOf = (id: string): string => id.toUpperCase();

/** JSON without `last_updated` (at any depth), null/undefined fields and key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const key of Object.keys(value as Json).sort()) {
      const v = (value as Json)[key];
      if (key === 'last_updated' || v === null || v === undefined) continue;
      out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

const sameContent = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * A full PUT by the operator. `last_updated` is ours: an EVSE/connector whose content did not
 * change keeps its stamp, anything changed gets `now` (and so does its Location). EVSEs of the
 * previous version missing from the PUT are retired as REMOVED (never deleted). The status of an
 * existing EVSE comes from OCPP once the station reported one; the operator's value applies to new
 * EVSEs, to EVSEs the station never reported, and REMOVED always wins.
 */
export function putLocation(input: PutLocationInput): LocationChange {
  const { location, previous, now } = input;
  const previousEvses = new Map(
    (previous?.location.evses ?? []).map((e) => [keyOf(e.uid), e] as const),
  );
  const evses: EvseJson[] = [];
  const records: EvseMappingRecord[] = [];
  const seen = new Set<string>();

  for (const given of location.evses ?? []) {
    const key = keyOf(given.uid);
    seen.add(key);
    const before = previousEvses.get(key);
    const status: OcpiEvseStatus =
      given.status === 'REMOVED' ? 'REMOVED' : (input.liveStatusOf(key) ?? given.status);
    const connectors = given.connectors.map((c) => {
      const old = before?.connectors.find((o) => keyOf(o.id) === keyOf(c.id));
      return {
        ...c,
        last_updated: old && sameContent(c, old) ? old.last_updated : now,
      } as ConnectorJson;
    });
    const draft = { ...given, status, connectors } as EvseJson;
    draft.last_updated = before && sameContent(draft, before) ? before.last_updated : now;
    evses.push(draft);
    const mapping = input.mappings.get(key);
    if (!mapping) throw new Error(`EVSE ${given.uid} has no OCPP mapping`);
    records.push({
      evseUid: given.uid,
      stationId: mapping.stationId,
      ocppConnectorId: mapping.connectorId,
      ocpiConnectorId: connectors[0].id,
      removed: status === 'REMOVED',
    });
  }

  for (const [key, before] of previousEvses) {
    if (seen.has(key)) continue;
    evses.push(retired(before, now));
    const record = previous?.evses.find((r) => keyOf(r.evseUid) === key);
    if (record) records.push({ ...record, removed: true });
  }
  // mappings of EVSEs that were already gone from the previous object (should not happen) stay
  for (const record of previous?.evses ?? []) {
    const key = keyOf(record.evseUid);
    if (!seen.has(key) && !previousEvses.has(key)) records.push({ ...record, removed: true });
  }

  const draft: LocationJson = {
    ...location,
    country_code: location.country_code.toUpperCase(),
    party_id: location.party_id.toUpperCase(),
    evses,
  };
  const unchanged = previous !== undefined && sameContent(draft, previous.location);
  draft.last_updated = unchanged ? previous.location.last_updated : now;
  if (!unchanged && previous) draft.last_updated = later(now, previous.location.last_updated);
  return { location: draft, evses: records, changed: !unchanged };
}

function retired(evse: EvseJson, now: string): EvseJson {
  if (evse.status === 'REMOVED') return evse;
  return { ...evse, status: 'REMOVED', last_updated: later(now, evse.last_updated) };
}

/** DELETE by the operator: every EVSE is retired as REMOVED; the Location itself stays. */
export function retireLocation(
  previous: { location: LocationJson; evses: EvseMappingRecord[] },
  now: string,
): LocationChange {
  const evses = (previous.location.evses ?? []).map((e) => retired(e, now));
  const changed = evses.some((e, i) => e !== previous.location.evses?.[i]);
  const location: LocationJson = {
    ...previous.location,
    evses,
    last_updated: changed
      ? later(now, previous.location.last_updated)
      : previous.location.last_updated,
  };
  return {
    location,
    evses: previous.evses.map((r) => ({ ...r, removed: true })),
    changed,
  };
}

/**
 * A new status of one EVSE (from OCPP): EVSE and Location `last_updated` move to `now` (never
 * backwards). Undefined when nothing changes: unknown or REMOVED EVSE (a retired EVSE stays
 * REMOVED), or the same status.
 */
export function changeEvseStatus(
  location: LocationJson,
  evseUid: string,
  status: OcpiEvseStatus,
  now: string,
): { location: LocationJson; evse: EvseJson } | undefined {
  const evses = location.evses ?? [];
  const index = evses.findIndex((e) => keyOf(e.uid) === keyOf(evseUid));
  if (index < 0) return undefined;
  const current = evses[index];
  if (current.status === 'REMOVED' || current.status === status) return undefined;
  const evse: EvseJson = { ...current, status, last_updated: later(now, current.last_updated) };
  const next = [...evses];
  next[index] = evse;
  return {
    location: { ...location, evses: next, last_updated: later(now, location.last_updated) },
    evse,
  };
}

/** May eMSPs see it at all: published, or unpublished but shown to listed tokens. */
export function isVisible(location: LocationJson): boolean {
  return (
    location.publish === true ||
    (Array.isArray(location.publish_allowed_to) && location.publish_allowed_to.length > 0)
  );
}

/** In the OCPI GET list: visible and with at least one valid (not REMOVED) EVSE. */
export function isListed(location: LocationJson): boolean {
  return isVisible(location) && (location.evses ?? []).some((e) => e.status !== 'REMOVED');
}
