import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import { keyOf } from '../domain/location-master-data';
import { LocationRepository } from '../persistence/location.repository';

export interface GetLocationObjectQuery {
  locationId: string;
  evseUid?: string;
  connectorId?: string;
}

/**
 * OCPI Locations Sender GET object: `/{location_id}[/{evse_uid}[/{connector_id}]]` → Location, EVSE
 * or Connector. Unknown (or invisible) location, EVSE or connector → HTTP 404 + OCPI 2003. A retired
 * EVSE is still returned (status REMOVED).
 */
@Injectable()
export class GetLocationObjectUseCase {
  constructor(private readonly locations: LocationRepository) {}

  async execute(query: GetLocationObjectQuery): Promise<unknown> {
    const location = await this.locations.findVisible(query.locationId);
    if (!location) throw unknown(`Unknown location ${query.locationId}`);
    if (query.evseUid === undefined) return location;
    const evse = (location.evses ?? []).find((e) => keyOf(e.uid) === keyOf(query.evseUid ?? ''));
    if (!evse) throw unknown(`Unknown EVSE ${query.evseUid} of location ${query.locationId}`);
    if (query.connectorId === undefined) return evse;
    const connector = evse.connectors.find((c) => keyOf(c.id) === keyOf(query.connectorId ?? ''));
    if (!connector)
      throw unknown(`Unknown connector ${query.connectorId} of EVSE ${query.evseUid}`);
    return connector;
  }
}

function unknown(message: string): OcpiException {
  return OcpiException.notFound(message, OcpiStatus.UnknownLocation);
}
