import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { liveEvseStatus, type OcpiEvseStatus } from '../domain/evse-status';
import { LocationRepository } from '../persistence/location.repository';
import { EvseStatusWriter } from './evse-status.writer';

export interface StationConnectionCommand {
  stationId: string;
  connectionId: string;
  connected: boolean;
  at: string;
}

/**
 * A station's OCPP connection opened or closed (ADR 0064): while it is disconnected its EVSEs are
 * UNKNOWN (OCPI: "no status information available, also used when offline"); on reconnect they
 * show the last status the station reported. Stale events (a disconnect of an older connection
 * after a reconnect, or older than the stored change) change nothing.
 */
@Injectable()
export class RecordStationConnectionUseCase {
  constructor(
    private readonly locations: LocationRepository,
    private readonly writer: EvseStatusWriter,
  ) {}

  async execute(
    command: StationConnectionCommand,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    const applied = await this.locations.recordConnection(
      manager,
      command.stationId,
      command.connectionId,
      command.connected,
      command.at,
    );
    if (!applied) return;
    const evses = await this.locations.activeEvsesOfStation(manager, command.stationId);
    const byLocation = new Map<string, { evseUid: string; status: OcpiEvseStatus }[]>();
    for (const evse of evses) {
      const status = liveEvseStatus(evse.ocppStatus, command.connected);
      if (!status) continue;
      const list = byLocation.get(evse.locationKey) ?? [];
      list.push({ evseUid: evse.evseUid, status });
      byLocation.set(evse.locationKey, list);
    }
    for (const [locationKey, changes] of byLocation) {
      await this.writer.apply(manager, locationKey, changes, correlationId);
    }
  }
}
