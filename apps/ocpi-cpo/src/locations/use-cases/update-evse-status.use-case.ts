import { Injectable } from '@nestjs/common';
import type { ConnectorStatusChangedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { liveEvseStatus } from '../domain/evse-status';
import { LocationRepository } from '../persistence/location.repository';
import { EvseStatusWriter } from './evse-status.writer';

/**
 * `ocpp.connector.status-changed.v1` → the OCPI status of the EVSE that OCPP connector serves.
 * Connector 0 (the station as a whole) and unmapped connectors change nothing; a status older
 * than the last one applied for that connector is stale and ignored (events of a station are
 * ordered by their timestamp). The OCPP status is kept even while the station counts as
 * disconnected (then the EVSE shows UNKNOWN) so the reconnect restores it.
 */
@Injectable()
export class UpdateEvseStatusUseCase {
  constructor(
    private readonly locations: LocationRepository,
    private readonly writer: EvseStatusWriter,
  ) {}

  async execute(
    data: ConnectorStatusChangedV1,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    if (data.connectorId === 0) return;
    const place = await this.locations.placeOf(manager, data.stationId, data.connectorId);
    if (!place) return;
    if (place.ocppStatusAt && place.ocppStatusAt.getTime() > Date.parse(data.timestamp)) return;
    await this.locations.recordOcppStatus(manager, place.evseUid, data.status, data.timestamp);
    const connected = await this.locations.stationConnected(manager, data.stationId);
    const status = liveEvseStatus(data.status, connected);
    if (!status) return;
    await this.writer.apply(
      manager,
      place.locationId,
      [{ evseUid: place.evseUid, status }],
      correlationId,
    );
  }
}
