import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OcpiEvseStatus } from '../domain/evse-status';
import { changeEvseStatus } from '../domain/location-master-data';
import { LocationRepository } from '../persistence/location.repository';
import { LocationPusher } from './location-pusher';

/**
 * Applies live EVSE statuses to one location (locked): EVSE and Location `last_updated` bumped,
 * one save, an EVSE PATCH per changed EVSE to the eMSPs. No-op changes change and push nothing.
 */
@Injectable()
export class EvseStatusWriter {
  constructor(
    private readonly locations: LocationRepository,
    private readonly pusher: LocationPusher,
  ) {}

  /** Returns how many EVSEs changed. */
  async apply(
    manager: EntityManager,
    locationId: string,
    changes: { evseUid: string; status: OcpiEvseStatus }[],
    correlationId?: string,
  ): Promise<number> {
    const stored = await this.locations.findForUpdate(manager, locationId);
    if (!stored) return 0;
    let location = stored.location;
    const changed = [];
    const now = new Date().toISOString();
    for (const { evseUid, status } of changes) {
      const next = changeEvseStatus(location, evseUid, status, now);
      if (!next) continue;
      location = next.location;
      changed.push(next.evse);
    }
    if (changed.length === 0) return 0;
    await this.locations.saveObject(manager, location);
    for (const evse of changed) {
      await this.pusher.evseStatusChanged(manager, location, evse, correlationId);
    }
    return changed.length;
  }
}
