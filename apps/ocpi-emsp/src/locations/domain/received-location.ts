import {
  applyConnectorPatch,
  applyEvsePatch,
  applyOcpiPatch,
  isNewer,
  OcpiPatchError,
  putConnector,
  putEvse,
} from '@voltlane/protocols-ocpi';
import {
  type ReceiveOutcome,
  receiveFullObject,
  sameId,
} from '../../shared/domain/received-object';

/** The parts of an OCPI Location this module reasons about; the rest is carried as is. */
export interface ConnectorJson {
  id: string;
  last_updated: string;
  [field: string]: unknown;
}
export interface EvseJson {
  uid: string;
  status?: string;
  connectors: ConnectorJson[];
  last_updated: string;
  [field: string]: unknown;
}
export interface LocationJson {
  country_code: string;
  party_id: string;
  id: string;
  evses?: EvseJson[] | null;
  last_updated: string;
  [field: string]: unknown;
}

/** What a Receiver URL addresses: the Location, one of its EVSEs, or one Connector. */
export interface LocationTarget {
  evseUid?: string;
  connectorId?: string;
}

const findEvse = (l: LocationJson, uid: string) => (l.evses ?? []).find((e) => sameId(e.uid, uid));

const patchFailure = (error: unknown): ReceiveOutcome<LocationJson> => {
  if (error instanceof OcpiPatchError) {
    return error.kind === 'unknown_object'
      ? { kind: 'unknown', what: error.message }
      : { kind: 'invalid', message: error.message };
  }
  throw error;
};

/**
 * PUT on `{cc}/{pid}/{location_id}[/{evse_uid}[/{connector_id}]]` (mod_locations, PUT Method):
 * a Location replaces ours; an EVSE/Connector replaces (or adds) that child and bumps its parents'
 * `last_updated`. Older than what we hold → ignored; a child of an unknown Location/EVSE →
 * unknown (the CPO must PUT the parent first, ocpi/ocpi#406).
 */
export function receiveLocationPut(
  stored: LocationJson | null,
  target: LocationTarget,
  body: LocationJson | EvseJson | ConnectorJson,
): ReceiveOutcome<LocationJson> {
  if (target.evseUid === undefined) return receiveFullObject(stored, body as LocationJson);
  if (!stored) return { kind: 'unknown', what: 'Location' };
  const evse = findEvse(stored, target.evseUid);
  if (target.connectorId === undefined) {
    if (evse && !isNewer(body.last_updated, evse.last_updated)) return { kind: 'ignored' };
    return { kind: 'applied', object: putEvse(stored, body as EvseJson), created: !evse };
  }
  if (!evse) return { kind: 'unknown', what: `EVSE ${target.evseUid}` };
  const connectorId = target.connectorId;
  const connector = evse.connectors.find((c) => sameId(c.id, connectorId));
  if (connector && !isNewer(body.last_updated, connector.last_updated)) return { kind: 'ignored' };
  try {
    return {
      kind: 'applied',
      object: putConnector(stored, target.evseUid, body as ConnectorJson),
      created: !connector,
    };
  } catch (error) {
    return patchFailure(error);
  }
}

/**
 * PATCH on the same URLs (mod_locations, PATCH Method; ADR 0063 merge rules): only applied when
 * the patch's `last_updated` is newer than the addressed object's; parents' `last_updated` bumped.
 */
export function receiveLocationPatch(
  stored: LocationJson | null,
  target: LocationTarget,
  patch: { last_updated: string },
): ReceiveOutcome<LocationJson> {
  if (!stored) return { kind: 'unknown', what: 'Location' };
  try {
    if (target.evseUid === undefined) {
      if (!isNewer(patch.last_updated, stored.last_updated)) return { kind: 'ignored' };
      return { kind: 'applied', object: applyOcpiPatch(stored, patch), created: false };
    }
    const evse = findEvse(stored, target.evseUid);
    if (!evse) return { kind: 'unknown', what: `EVSE ${target.evseUid}` };
    if (target.connectorId === undefined) {
      if (!isNewer(patch.last_updated, evse.last_updated)) return { kind: 'ignored' };
      return {
        kind: 'applied',
        object: applyEvsePatch(stored, target.evseUid, patch),
        created: false,
      };
    }
    const connectorId = target.connectorId;
    const connector = evse.connectors.find((c) => sameId(c.id, connectorId));
    if (!connector) return { kind: 'unknown', what: `Connector ${connectorId}` };
    if (!isNewer(patch.last_updated, connector.last_updated)) return { kind: 'ignored' };
    return {
      kind: 'applied',
      object: applyConnectorPatch(stored, target.evseUid, connectorId, patch),
      created: false,
    };
  } catch (error) {
    return patchFailure(error);
  }
}

/** GET: the Location, EVSE or Connector a Receiver URL addresses, if we hold it. */
export function locationPart(
  location: LocationJson,
  target: LocationTarget,
): LocationJson | EvseJson | ConnectorJson | undefined {
  if (target.evseUid === undefined) return location;
  const evse = findEvse(location, target.evseUid);
  if (!evse || target.connectorId === undefined) return evse;
  const connectorId = target.connectorId;
  return evse.connectors.find((c) => sameId(c.id, connectorId));
}
