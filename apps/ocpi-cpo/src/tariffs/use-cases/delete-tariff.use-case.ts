import { Injectable } from '@nestjs/common';
import type { TariffDeletedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { deleteApplies } from '../domain/tariff-version';
import { CpoTariffRepository } from '../persistence/cpo-tariff.repository';
import { TariffPusher } from './tariff-pusher';

/**
 * `tariff.tariff.deleted.v1` → the tariff leaves our GET list and an OCPI DELETE goes to the eMSPs
 * that were sent it. A deletion older than the stored version (an upsert overtook it) is ignored.
 */
@Injectable()
export class DeleteTariffUseCase {
  constructor(
    private readonly tariffs: CpoTariffRepository,
    private readonly pusher: TariffPusher,
  ) {}

  async execute(
    data: TariffDeletedV1,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    const deletedAt = new Date(data.deletedAt);
    const stored = await this.tariffs.stateForUpdate(
      manager,
      data.countryCode,
      data.partyId,
      data.tariffId,
    );
    if (!deleteApplies(stored, deletedAt)) return;
    await this.tariffs.markDeleted(
      manager,
      data.countryCode,
      data.partyId,
      data.tariffId,
      deletedAt,
    );
    await this.pusher.tariffDeleted(
      manager,
      { countryCode: data.countryCode, partyId: data.partyId, tariffId: data.tariffId },
      deletedAt.toISOString(),
      correlationId,
    );
  }
}
