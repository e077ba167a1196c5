import { Injectable } from '@nestjs/common';
import { OcpiPushQueue, type PushItem } from '@voltlane/ocpi-core';
import { EvsePatchDto, LocationDto, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { EmspPushTargets } from '../../partner-sync/emsp-push-targets';
import { PartnerSyncRepository } from '../../partner-sync/persistence/partner-sync.repository';
import { isVisible, keyOf, type EvseJson, type LocationJson } from '../domain/location-master-data';

const MODULE = 'locations';

/** Push-queue order key of a Location and its EVSE PATCHes at one partner. */
export const locationObjectKey = (l: LocationJson): string =>
  `location:${l.country_code}/${l.party_id}/${keyOf(l.id)}`;

const locationPath = (l: LocationJson): string =>
  `${encodeURIComponent(l.country_code)}/${encodeURIComponent(l.party_id)}/${encodeURIComponent(l.id)}`;

/** Outbound objects are validated like inbound ones: an invalid one is a bug, never sent. */
function checked<T extends object>(dto: new () => T, value: unknown, what: string): void {
  const result = validateOcpi(dto, value);
  if (!result.ok)
    throw new Error(`refusing to push an invalid ${what}: ${result.violations.join('; ')}`);
}

/**
 * Enqueues Location pushes to eMSP partners inside the caller's transaction (ADR 0064): a full PUT
 * (replacing anything of the object still pending) when the location changed, an EVSE PATCH
 * `{status, last_updated}` when only a status changed — and a full PUT instead to a partner that
 * was never sent the location. Invisible locations (publish=false without publish_allowed_to)
 * go once, as such, to the partners that had them, and then to nobody.
 */
@Injectable()
export class LocationPusher {
  constructor(
    private readonly targets: EmspPushTargets,
    private readonly sync: PartnerSyncRepository,
    private readonly queue: OcpiPushQueue,
  ) {}

  async locationChanged(
    manager: EntityManager,
    location: LocationJson,
    correlationId?: string,
  ): Promise<void> {
    checked(LocationDto, location, 'Location');
    const syncKey = keyOf(location.id);
    let partners: string[];
    if (isVisible(location)) {
      partners = await this.targets.partnerIds(MODULE);
      await this.sync.markSynced(manager, MODULE, syncKey, partners);
    } else {
      partners = await this.sync.syncedPartners(manager, MODULE, syncKey);
      await this.sync.forget(manager, MODULE, syncKey);
    }
    await this.queue.enqueue(
      manager,
      partners.map((partnerId) => this.put(partnerId, location, correlationId)),
    );
  }

  /** Sends the full location to partners that never got it (registered later). */
  async sendFull(
    manager: EntityManager,
    partnerId: string,
    locations: LocationJson[],
  ): Promise<void> {
    const items: PushItem[] = [];
    for (const location of locations) {
      checked(LocationDto, location, 'Location');
      const fresh = await this.sync.markSynced(manager, MODULE, keyOf(location.id), [partnerId]);
      if (fresh.has(partnerId)) items.push(this.put(partnerId, location));
    }
    await this.queue.enqueue(manager, items);
  }

  async evseStatusChanged(
    manager: EntityManager,
    location: LocationJson,
    evse: EvseJson,
    correlationId?: string,
  ): Promise<void> {
    if (!isVisible(location)) return;
    const patch = { status: evse.status, last_updated: evse.last_updated };
    checked(EvsePatchDto, patch, 'EVSE PATCH');
    checked(LocationDto, location, 'Location');
    const partners = await this.targets.partnerIds(MODULE);
    const fresh = await this.sync.markSynced(manager, MODULE, keyOf(location.id), partners);
    await this.queue.enqueue(
      manager,
      partners.map((partnerId) =>
        fresh.has(partnerId)
          ? this.put(partnerId, location, correlationId)
          : {
              partnerId,
              module: MODULE,
              objectKey: locationObjectKey(location),
              method: 'PATCH',
              path: `${locationPath(location)}/${encodeURIComponent(evse.uid)}`,
              body: patch,
              lastUpdated: evse.last_updated,
              correlationId,
            },
      ),
    );
  }

  private put(partnerId: string, location: LocationJson, correlationId?: string): PushItem {
    return {
      partnerId,
      module: MODULE,
      objectKey: locationObjectKey(location),
      method: 'PUT',
      path: locationPath(location),
      body: location,
      lastUpdated: location.last_updated,
      replacesPending: true,
      correlationId,
    };
  }
}
