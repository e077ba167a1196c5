import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { retireLocation } from '../domain/location-master-data';
import { LocationNotFoundError } from '../domain/location.errors';
import { LocationRepository } from '../persistence/location.repository';
import { adminLocationView, locationUpserted } from './location-events';
import { LocationPusher } from './location-pusher';

/**
 * `DELETE /admin/v1/locations/{id}`: OCPI has no DELETE for Locations — every EVSE is retired as
 * REMOVED (the Location stays, `publish` unchanged, and drops out of the GET list as it has no valid
 * EVSE any more); published and pushed like any change (ADR 0064).
 */
@Injectable()
export class RetireLocationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locations: LocationRepository,
    private readonly pusher: LocationPusher,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(locationId: string): Promise<Record<string, unknown>> {
    const correlationId = currentContext().correlationId ?? randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const previous = await this.locations.findForUpdate(manager, locationId);
      if (!previous) throw new LocationNotFoundError(`location ${locationId} does not exist`);
      const change = retireLocation(previous, new Date().toISOString());
      if (change.changed) {
        await this.locations.save(manager, change.location, change.evses);
        await this.outbox.append(manager, [
          {
            topic: Topics.LocationUpserted,
            data: locationUpserted(change.location, change.evses),
            correlationId,
            causationId: null,
          },
        ]);
        await this.pusher.locationChanged(manager, change.location, correlationId);
      }
      return adminLocationView(change.location, change.evses);
    });
  }
}
