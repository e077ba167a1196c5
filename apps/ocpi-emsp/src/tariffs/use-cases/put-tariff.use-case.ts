import { Injectable } from '@nestjs/common';
import { OcpiResult } from '@voltlane/ocpi-core';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { requireSameIds } from '../../shared/http/ocpi-receiver.checks';
import { receiveTariffPut, type TariffJson } from '../domain/received-tariff';
import { ReceivedTariffRepository } from '../persistence/received-tariff.repository';

/** `PUT {tariffs}/{cc}/{pid}/{tariff_id}`: stores the Tariff (older ones ignored); new → 201. */
@Injectable()
export class PutTariffUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: ReceivedTariffRepository,
  ) {}

  async execute({ ref, body }: { ref: ReceivedRef; body: object }): Promise<OcpiResult<undefined>> {
    const ids = { country_code: ref.countryCode, party_id: ref.partyId, id: ref.id };
    requireSameIds(body, ids, true);
    const tariff = {
      ...(JSON.parse(JSON.stringify(body)) as TariffJson),
      country_code: ref.countryCode,
      party_id: ref.partyId,
    };
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.tariffs.lockAndFind(manager, ref);
      const result = receiveTariffPut(
        stored?.object ?? null,
        stored?.deleted ? stored.lastUpdated.toISOString() : null,
        tariff,
      );
      if (result.kind === 'applied') {
        await this.tariffs.save(manager, ref, result.object, result.object.last_updated);
      }
      return result;
    });
    const created = outcome.kind === 'applied' && outcome.created;
    return new OcpiResult(undefined, { httpStatus: created ? 201 : 200 });
  }
}
