import { ocpiDateTimeToMillis } from './ocpi-validators';

/**
 * Applying OCPI PATCH bodies to stored objects (transport_and_format, PATCH; mod_locations /
 * mod_sessions / mod_tokens, PATCH Method). Pure functions, never mutating their inputs.
 *
 * Semantics (ADR 0063):
 * - a field that is omitted **or `null`** in the patch is left unchanged (a PATCH cannot remove
 *   information; removing needs a PUT);
 * - nested plain objects are merged recursively (JSON merge patch, RFC 7386, minus deletion);
 * - `charging_periods` (Session) are appended; an empty list changes nothing;
 * - `evses` (Location) and `connectors` (EVSE) are per-item patches matched by `uid` / `id`
 *   (case-insensitively, CiString); an item without a match is appended as given;
 * - every other list and scalar value replaces the stored one;
 * - identifiers (`country_code`, `party_id`, `id`, `uid`) may be repeated but not changed: a
 *   different value throws `OcpiPatchError` (kind `identifier_changed`).
 */

export type OcpiPatchErrorKind = 'identifier_changed' | 'unknown_object';

export class OcpiPatchError extends Error {
  constructor(
    readonly kind: OcpiPatchErrorKind,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'OcpiPatchError';
  }
}

export interface OcpiPatchOptions {
  /** Lists whose patch items are appended (default: `charging_periods`). */
  appendLists?: readonly string[];
  /** Lists patched per item, by the given key (default: `evses` by `uid`, `connectors` by `id`). */
  keyedLists?: Readonly<Record<string, string>>;
  /** Fields that may never change (default: `country_code`, `party_id`, `id`, `uid`). */
  identifiers?: readonly string[];
}

const DEFAULTS: Required<OcpiPatchOptions> = {
  appendLists: ['charging_periods'],
  keyedLists: { evses: 'uid', connectors: 'id' },
  identifiers: ['country_code', 'party_id', 'id', 'uid'],
};

type Json = Record<string, unknown>;

/** Returns `target` with `patch` applied (see the module comment for the rules). */
export function applyOcpiPatch<T extends object>(
  target: T,
  patch: object,
  options: OcpiPatchOptions = {},
): T {
  const rules = { ...DEFAULTS, ...options };
  return mergeInto(structuredClone(target) as Json, patch as Json, rules, '') as T;
}

function mergeInto(
  target: Json,
  patch: Json,
  rules: Required<OcpiPatchOptions>,
  path: string,
): Json {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null) continue;
    const fieldPath = path ? `${path}.${key}` : key;
    const current = target[key];
    if (rules.identifiers.includes(key)) {
      if (typeof current === 'string' && typeof value === 'string' && !sameId(current, value)) {
        throw new OcpiPatchError(
          'identifier_changed',
          fieldPath,
          `${fieldPath} cannot be changed by a PATCH (stored ${current}, patch ${value})`,
        );
      }
      if (typeof current === 'string') continue; // same id, possibly in another case: keep ours
    }
    if (Array.isArray(value) && rules.appendLists.includes(key)) {
      if (value.length > 0) {
        target[key] = [...(Array.isArray(current) ? current : []), ...structuredClone(value)];
      }
      continue;
    }
    const itemKey = rules.keyedLists[key];
    if (Array.isArray(value) && itemKey !== undefined) {
      target[key] = mergeKeyedList(
        Array.isArray(current) ? current : [],
        value,
        itemKey,
        rules,
        fieldPath,
      );
      continue;
    }
    if (isPlainObject(value) && isPlainObject(current)) {
      target[key] = mergeInto(current, value, rules, fieldPath);
      continue;
    }
    target[key] = structuredClone(value);
  }
  return target;
}

function mergeKeyedList(
  current: unknown[],
  patches: unknown[],
  itemKey: string,
  rules: Required<OcpiPatchOptions>,
  path: string,
): unknown[] {
  const result = [...current];
  for (const item of patches) {
    if (!isPlainObject(item)) continue;
    const id = item[itemKey];
    const index = result.findIndex(
      (existing) =>
        isPlainObject(existing) &&
        typeof existing[itemKey] === 'string' &&
        typeof id === 'string' &&
        sameId(existing[itemKey] as string, id),
    );
    if (index >= 0) {
      result[index] = mergeInto(result[index] as Json, item, rules, `${path}[${index}]`);
    } else {
      result.push(structuredClone(item));
    }
  }
  return result;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** CiString identifiers compare case-insensitively. */
function sameId(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * True when `incoming` is strictly later than `stored` (OCPI DateTimes, with or without `Z`,
 * any fractional seconds). A missing or unparseable `stored` counts as older; an unparseable
 * `incoming` is never newer. Equal timestamps are not newer (a replayed push changes nothing).
 */
export function isNewer(incoming: string, stored: string | null | undefined): boolean {
  const incomingMillis = typeof incoming === 'string' ? ocpiDateTimeToMillis(incoming) : NaN;
  if (Number.isNaN(incomingMillis)) return false;
  if (stored === undefined || stored === null) return true;
  const storedMillis = ocpiDateTimeToMillis(stored);
  if (Number.isNaN(storedMillis)) return true;
  return incomingMillis > storedMillis;
}

/** The later of two OCPI DateTimes (the first when equal or the second is unparseable). */
export function laterOcpiDateTime(a: string, b: string | null | undefined): string {
  return b !== undefined && b !== null && isNewer(b, a) ? b : a;
}

// ---- Location sub-objects: EVSE / Connector PUT and PATCH with parent `last_updated` ----------

export interface ConnectorLike {
  id: string;
  last_updated: string;
}
export interface EvseLike {
  uid: string;
  connectors: ConnectorLike[];
  last_updated: string;
}
export interface LocationLike {
  last_updated: string;
  evses?: EvseLike[] | null;
}

/**
 * PATCH on `{locations}/{cc}/{pid}/{location_id}/{evse_uid}`: patches that EVSE and sets the
 * Location's `last_updated` to the patch's (never moving it backwards). Unknown EVSE → throws
 * `OcpiPatchError` kind `unknown_object`.
 */
export function applyEvsePatch<L extends LocationLike, P extends { last_updated: string }>(
  location: L,
  evseUid: string,
  patch: P,
  options?: OcpiPatchOptions,
): L {
  const result = structuredClone(location);
  const evses = result.evses ?? [];
  const index = evses.findIndex((evse) => sameId(evse.uid, evseUid));
  if (index < 0) {
    throw new OcpiPatchError('unknown_object', 'evse_uid', `unknown EVSE ${evseUid}`);
  }
  evses[index] = applyOcpiPatch(evses[index], patch, options);
  result.last_updated = laterOcpiDateTime(result.last_updated, patch.last_updated);
  return result;
}

/**
 * PATCH on `.../{evse_uid}/{connector_id}`: patches that Connector and sets the EVSE's and the
 * Location's `last_updated` (never backwards). Unknown EVSE or Connector → `unknown_object`.
 */
export function applyConnectorPatch<L extends LocationLike, P extends { last_updated: string }>(
  location: L,
  evseUid: string,
  connectorId: string,
  patch: P,
  options?: OcpiPatchOptions,
): L {
  const result = structuredClone(location);
  const evse = (result.evses ?? []).find((candidate) => sameId(candidate.uid, evseUid));
  if (!evse) throw new OcpiPatchError('unknown_object', 'evse_uid', `unknown EVSE ${evseUid}`);
  const index = evse.connectors.findIndex((connector) => sameId(connector.id, connectorId));
  if (index < 0) {
    throw new OcpiPatchError('unknown_object', 'connector_id', `unknown connector ${connectorId}`);
  }
  evse.connectors[index] = applyOcpiPatch(evse.connectors[index], patch, options);
  evse.last_updated = laterOcpiDateTime(evse.last_updated, patch.last_updated);
  result.last_updated = laterOcpiDateTime(result.last_updated, patch.last_updated);
  return result;
}

/** PUT of one EVSE into a stored Location (replace by `uid` or add), bumping the Location. */
export function putEvse<L extends LocationLike>(location: L, evse: EvseLike): L {
  const result = structuredClone(location);
  const evses = [...(result.evses ?? [])];
  const index = evses.findIndex((candidate) => sameId(candidate.uid, evse.uid));
  if (index >= 0) evses[index] = structuredClone(evse);
  else evses.push(structuredClone(evse));
  result.evses = evses;
  result.last_updated = laterOcpiDateTime(result.last_updated, evse.last_updated);
  return result;
}

/** PUT of one Connector into a stored EVSE (replace by `id` or add), bumping EVSE and Location. */
export function putConnector<L extends LocationLike>(
  location: L,
  evseUid: string,
  connector: ConnectorLike,
): L {
  const result = structuredClone(location);
  const evse = (result.evses ?? []).find((candidate) => sameId(candidate.uid, evseUid));
  if (!evse) throw new OcpiPatchError('unknown_object', 'evse_uid', `unknown EVSE ${evseUid}`);
  const index = evse.connectors.findIndex((candidate) => sameId(candidate.id, connector.id));
  if (index >= 0) evse.connectors[index] = structuredClone(connector);
  else evse.connectors.push(structuredClone(connector));
  evse.last_updated = laterOcpiDateTime(evse.last_updated, connector.last_updated);
  result.last_updated = laterOcpiDateTime(result.last_updated, connector.last_updated);
  return result;
}
