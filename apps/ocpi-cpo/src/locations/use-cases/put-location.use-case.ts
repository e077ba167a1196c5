import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { OcpiCpoEnv } from '../../config/ocpi-cpo.env';
import { liveEvseStatus } from '../domain/evse-status';
import { putLocation } from '../domain/location-master-data';
import { parseAdminLocation } from '../http/admin-location.body';
import { LocationRepository } from '../persistence/location.repository';
import { adminLocationView, locationUpserted } from './location-events';
import { LocationPusher } from './location-pusher';

export interface PutLocationCommand {
  locationId: string;
  body: unknown;
}

/**
 * `PUT /admin/v1/locations/{id}`: creates or replaces one of our locations (validated OCPI object +
 * OCPP mapping per EVSE), retires EVSEs left out as REMOVED, and — in the same transaction —
 * publishes `location.location.upserted.v1` (outbox) and enqueues the PUT to every eMSP partner.
 * A PUT that changes nothing publishes and pushes nothing.
 */
@Injectable()
export class PutLocationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locations: LocationRepository,
    private readonly pusher: LocationPusher,
    private readonly outbox: OutboxWriter,
    private readonly env: OcpiCpoEnv,
  ) {}

  async execute(
    command: PutLocationCommand,
  ): Promise<{ created: boolean; location: Record<string, unknown> }> {
    const parsed = parseAdminLocation(command.body, command.locationId, {
      countryCode: this.env.OCPI_COUNTRY_CODE,
      partyId: this.env.OCPI_PARTY_ID,
    });
    const correlationId = currentContext().correlationId ?? randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const previous = await this.locations.findForUpdate(manager, command.locationId);
      const live = await this.locations.liveStates(manager, parsed.mappings);
      const change = putLocation({
        location: parsed.location,
        mappings: parsed.mappings,
        previous: previous ?? undefined,
        liveStatusOf: (key) => {
          const state = live.get(key);
          return state ? liveEvseStatus(state.ocppStatus, state.connected) : undefined;
        },
        now: new Date().toISOString(),
      });
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
      return {
        created: previous === null,
        location: adminLocationView(change.location, change.evses),
      };
    });
  }
}
