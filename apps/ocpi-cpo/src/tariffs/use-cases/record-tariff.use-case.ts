import { Injectable } from '@nestjs/common';
import type { TariffUpsertedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { upsertApplies } from '../domain/tariff-version';
import { CpoTariffRepository, type TariffJson } from '../persistence/cpo-tariff.repository';
import { TariffPusher } from './tariff-pusher';

/**
 * `tariff.tariff.upserted.v1` → the OCPI Tariff we serve and push (PUT to every eMSP partner:
 * tariff-rating's events carry no eMSP party, ADR 0021 keeps assignments internal). Older or
 * replayed versions, and versions older than a deletion, change nothing.
 */
@Injectable()
export class RecordTariffUseCase {
  constructor(
    private readonly tariffs: CpoTariffRepository,
    private readonly pusher: TariffPusher,
  ) {}

  async execute(
    data: TariffUpsertedV1,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    const lastUpdated = new Date(data.lastUpdated);
    const tariff = {
      ...data.tariff,
      country_code: data.countryCode.toUpperCase(),
      party_id: data.partyId.toUpperCase(),
      id: data.tariffId,
      last_updated: lastUpdated.toISOString(),
    } as TariffJson;
    const stored = await this.tariffs.stateForUpdate(
      manager,
      data.countryCode,
      data.partyId,
      data.tariffId,
    );
    if (!upsertApplies(stored, lastUpdated)) return;
    await this.tariffs.upsert(manager, tariff);
    await this.pusher.tariffChanged(manager, tariff, correlationId);
  }
}
