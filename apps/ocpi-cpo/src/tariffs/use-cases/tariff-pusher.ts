import { Injectable } from '@nestjs/common';
import { OcpiPushQueue, type PushItem } from '@voltlane/ocpi-core';
import { TariffDto, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { EmspPushTargets } from '../../partner-sync/emsp-push-targets';
import { PartnerSyncRepository } from '../../partner-sync/persistence/partner-sync.repository';
import type { TariffJson } from '../persistence/cpo-tariff.repository';

const MODULE = 'tariffs';

export interface TariffRef {
  countryCode: string;
  partyId: string;
  tariffId: string;
}

/** partner_object_sync key of a tariff. */
export const tariffSyncKey = (t: TariffRef): string =>
  `${t.countryCode}/${t.partyId}/${t.tariffId}`.toUpperCase();

const objectKey = (t: TariffRef): string => `tariff:${tariffSyncKey(t)}`;
const path = (t: TariffRef): string =>
  [t.countryCode.toUpperCase(), t.partyId.toUpperCase(), t.tariffId]
    .map(encodeURIComponent)
    .join('/');

const refOf = (t: TariffJson): TariffRef => ({
  countryCode: t.country_code,
  partyId: t.party_id,
  tariffId: t.id,
});

/**
 * Enqueues Tariff pushes inside the caller's transaction: PUT to every eMSP partner on a change
 * (replacing what is still pending of it), DELETE to the partners that were sent it.
 */
@Injectable()
export class TariffPusher {
  constructor(
    private readonly targets: EmspPushTargets,
    private readonly sync: PartnerSyncRepository,
    private readonly queue: OcpiPushQueue,
  ) {}

  async tariffChanged(
    manager: EntityManager,
    tariff: TariffJson,
    correlationId?: string,
  ): Promise<void> {
    const checked = validateOcpi(TariffDto, tariff);
    if (!checked.ok) {
      throw new Error(`refusing to push an invalid Tariff: ${checked.violations.join('; ')}`);
    }
    const partners = await this.targets.partnerIds(MODULE);
    await this.sync.markSynced(manager, MODULE, tariffSyncKey(refOf(tariff)), partners);
    await this.queue.enqueue(
      manager,
      partners.map((partnerId) => this.put(partnerId, tariff, correlationId)),
    );
  }

  async tariffDeleted(
    manager: EntityManager,
    ref: TariffRef,
    deletedAt: string,
    correlationId?: string,
  ): Promise<void> {
    const key = tariffSyncKey(ref);
    const partners = await this.sync.syncedPartners(manager, MODULE, key);
    await this.sync.forget(manager, MODULE, key);
    await this.queue.enqueue(
      manager,
      partners.map((partnerId) => ({
        partnerId,
        module: MODULE,
        objectKey: objectKey(ref),
        method: 'DELETE',
        path: path(ref),
        lastUpdated: deletedAt,
        correlationId,
      })),
    );
  }

  /** Sends live tariffs to a partner that was never sent them. */
  async sendFull(manager: EntityManager, partnerId: string, tariffs: TariffJson[]): Promise<void> {
    const items: PushItem[] = [];
    for (const tariff of tariffs) {
      const fresh = await this.sync.markSynced(manager, MODULE, tariffSyncKey(refOf(tariff)), [
        partnerId,
      ]);
      if (fresh.has(partnerId)) items.push(this.put(partnerId, tariff));
    }
    await this.queue.enqueue(manager, items);
  }

  private put(partnerId: string, tariff: TariffJson, correlationId?: string): PushItem {
    const ref = refOf(tariff);
    return {
      partnerId,
      module: MODULE,
      objectKey: objectKey(ref),
      method: 'PUT',
      path: path(ref),
      body: tariff,
      lastUpdated: tariff.last_updated,
      replacesPending: true,
      correlationId,
    };
  }
}
