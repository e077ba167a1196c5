import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { LocationRepository } from '../../locations/persistence/location.repository';
import { type LocationEvseJson, type Target, targetOf } from '../domain/command-target';

/**
 * Resolves OCPI location/EVSE/connector ids to the OCPP station connector through cpo-locations'
 * tables (read-only), and the station's connection state (`station_connections`, kept from
 * ocpp.station.connected/disconnected by cpo-locations).
 */
@Injectable()
export class CommandPlaces {
  constructor(private readonly locations: LocationRepository) {}

  /** Unknown location → OCPI 2003 [SC › 2xxx: Client errors]. */
  async target(
    locationId: string,
    ref: { evseUid?: string | null; connectorId?: string | null },
    options: { requireConnectorCapability?: boolean } = {},
  ): Promise<{ target: Target; locationId: string }> {
    const stored = await this.locations.find(locationId);
    if (!stored) {
      throw OcpiException.status(OcpiStatus.UnknownLocation, `Unknown location ${locationId}`);
    }
    const target = targetOf(
      stored.evses,
      (stored.location.evses ?? []) as unknown as LocationEvseJson[],
      ref,
      options,
    );
    if (
      !target.ok &&
      (target.problem === 'unknown_evse' || target.problem === 'unknown_connector')
    ) {
      throw OcpiException.status(OcpiStatus.UnknownLocation, target.message);
    }
    return { target, locationId: stored.location.id };
  }

  /** false only when the station is known to be disconnected (unknown stations are tried). */
  async isOffline(manager: EntityManager, stationId: string): Promise<boolean> {
    return (await this.locations.stationConnected(manager, stationId)) === false;
  }
}
