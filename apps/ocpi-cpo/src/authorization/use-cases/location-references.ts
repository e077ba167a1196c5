import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LocationRepository } from '../../locations/persistence/location.repository';

/** OCPI LocationReferences of a station connector, when the station is mapped to a location. */
export interface LocationReferences {
  location_id: string;
  evse_uids?: string[];
}

/**
 * Where a station is in OCPI, from cpo-locations' EVSE ↔ OCPP map (read-only): the connector's
 * EVSE, or — without a connector — every active EVSE of the station at its (first) location.
 * An unmapped station gives `undefined`: the authorize call is then sent without a body (it is
 * optional; an eMSP that needs it answers 2002 → Invalid).
 */
@Injectable()
export class StationPlaces {
  constructor(private readonly locations: LocationRepository) {}

  async referencesOf(
    manager: EntityManager,
    stationId: string,
    connectorId?: number,
  ): Promise<LocationReferences | undefined> {
    if (connectorId !== undefined && connectorId > 0) {
      const place = await this.locations.placeOf(manager, stationId, connectorId);
      if (place) return { location_id: place.locationId, evse_uids: [place.evseUid] };
    }
    const evses = await this.locations.activeEvsesOfStation(manager, stationId);
    if (evses.length === 0) return undefined;
    const first = evses[0];
    const stored = await this.locations.find(first.locationKey);
    if (!stored) return undefined;
    return {
      location_id: stored.location.id,
      evse_uids: evses.filter((e) => e.locationKey === first.locationKey).map((e) => e.evseUid),
    };
  }
}
