import {
  type ConnectorMapping,
  placeOf,
  type RequestedPlace,
  type SessionPlace,
} from '../domain/session-place';
import type { SessionPlaceStore } from '../persistence/remote-start.store';

/**
 * The place of a session on a station's connector at `at`: the station ↔ EVSE map (with the
 * location as it was at `at`), else the ids a remote start named; undefined when neither is known
 * (the OCPI Session then uses the station-derived fallback ids, ADR 0031/0032).
 */
export async function resolvePlace(
  places: SessionPlaceStore,
  stationId: string,
  connectorId: number | undefined,
  at: number,
  requested?: RequestedPlace,
): Promise<SessionPlace | undefined> {
  let mapping: ConnectorMapping | undefined = await places.mappingOf(stationId, connectorId);
  if (!mapping && requested) {
    mapping = { stationId, ocppConnectorId: connectorId ?? 1, ...requested };
  }
  if (!mapping) return undefined;
  return placeOf(mapping, await places.locationAt(mapping.locationId, at));
}
