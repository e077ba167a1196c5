import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { DataSource } from 'typeorm';
import { LocationRepository } from '../../locations/persistence/location.repository';
import { LocationPusher } from '../../locations/use-cases/location-pusher';
import { CpoTariffRepository } from '../../tariffs/persistence/cpo-tariff.repository';
import { TariffPusher } from '../../tariffs/use-cases/tariff-pusher';
import { EmspPushTargets } from '../emsp-push-targets';
import { PartnerSyncRepository } from '../persistence/partner-sync.repository';

const BATCH = 200;
export const PARTNER_SYNC_INTERVAL_MS = 2_000;

/**
 * Initial load of partners registered after our objects existed, or registered again (their marks
 * from before the registration are dropped first) (ADR 0064): every eMSP partner is
 * sent each live Tariff, then each visible Location it was never sent, as full PUTs through the
 * push queue, `BATCH` objects per partner and module per transaction. Rows are locked
 * `SKIP LOCKED`, and a pair is marked sent in the same transaction, so replicas and concurrent
 * changes never send an object twice or an older version after a newer one.
 */
@Injectable()
export class PartnerSyncSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('ocpi-cpo', 'PartnerSyncSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Registration time per partner whose older sync marks were already dropped. */
  private readonly registeredAt = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly targets: EmspPushTargets,
    private readonly sync: PartnerSyncRepository,
    private readonly locations: LocationRepository,
    private readonly locationPusher: LocationPusher,
    private readonly tariffs: CpoTariffRepository,
    private readonly tariffPusher: TariffPusher,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn('partner sync failed', { error: (error as Error).message }),
        )
        .finally(() => (this.running = null));
    }, PARTNER_SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many objects were enqueued. */
  async sweep(): Promise<number> {
    let sent = 0;
    const targets = [
      ...(await this.targets.targets('tariffs')),
      ...(await this.targets.targets('locations')),
    ];
    for (const target of targets) {
      if (
        !target.registeredAt ||
        this.registeredAt.get(target.id) === target.registeredAt.getTime()
      )
        continue;
      const registeredAt = target.registeredAt;
      await this.dataSource.transaction((manager) =>
        this.sync.forgetBefore(manager, target.id, registeredAt),
      );
      this.registeredAt.set(target.id, registeredAt.getTime());
    }
    const rejected = await this.dataSource.transaction((manager) =>
      this.sync.forgetLocationsRejectedAsUnknown(manager),
    );
    if (rejected > 0) this.logger.warn('partners rejected EVSE PATCHes as unknown', { rejected });
    for (const partnerId of await this.targets.partnerIds('tariffs')) {
      for (;;) {
        const n = await this.dataSource.transaction(async (manager) => {
          const batch = await this.tariffs.unsynced(manager, partnerId, BATCH);
          await this.tariffPusher.sendFull(manager, partnerId, batch);
          return batch.length;
        });
        sent += n;
        if (n < BATCH) break;
      }
    }
    for (const partnerId of await this.targets.partnerIds('locations')) {
      for (;;) {
        const n = await this.dataSource.transaction(async (manager) => {
          const batch = await this.locations.unsyncedVisible(manager, partnerId, BATCH);
          await this.locationPusher.sendFull(manager, partnerId, batch);
          return batch.length;
        });
        sent += n;
        if (n < BATCH) break;
      }
    }
    if (sent > 0) this.logger.log('sent objects to partners that lacked them', { sent });
    return sent;
  }
}
