import { type LocationUpsertedV1 } from '@voltlane/contracts-events';
import type { EvseMappingRecord, LocationJson } from '../domain/location-master-data';
import { keyOf } from '../domain/location-master-data';

/** `location.location.upserted.v1` of a location: the OCPI object and its active OCPP mappings. */
export function locationUpserted(
  location: LocationJson,
  evses: EvseMappingRecord[],
): LocationUpsertedV1 {
  const evseIds = new Map((location.evses ?? []).map((e) => [keyOf(e.uid), e.evse_id] as const));
  return {
    countryCode: location.country_code,
    partyId: location.party_id,
    locationId: location.id,
    publish: location.publish,
    timeZone: location.time_zone,
    lastUpdated: location.last_updated,
    connectorMappings: evses
      .filter((e) => !e.removed)
      .map((e) => {
        const evseId = evseIds.get(keyOf(e.evseUid));
        return {
          stationId: e.stationId,
          ocppConnectorId: e.ocppConnectorId,
          evseUid: e.evseUid,
          ...(typeof evseId === 'string' ? { evseId } : {}),
          connectorId: e.ocpiConnectorId,
        };
      }),
    location,
  };
}

/** The admin view: the OCPI location with each EVSE's `ocpp` mapping (never sent over OCPI). */
export function adminLocationView(
  location: LocationJson,
  evses: EvseMappingRecord[],
): Record<string, unknown> {
  const byKey = new Map(evses.map((e) => [keyOf(e.evseUid), e] as const));
  return {
    ...location,
    evses: (location.evses ?? []).map((e) => {
      const m = byKey.get(keyOf(e.uid));
      return m ? { ...e, ocpp: { station_id: m.stationId, connector_id: m.ocppConnectorId } } : e;
    }),
  };
}
