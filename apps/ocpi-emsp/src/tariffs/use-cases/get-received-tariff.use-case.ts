import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import type { ReceivedRef } from '../../shared/domain/received-object';
import type { TariffJson } from '../domain/received-tariff';
import { ReceivedTariffRepository } from '../persistence/received-tariff.repository';

/** `GET {tariffs}/{cc}/{pid}/{tariff_id}`: the Tariff we hold for the caller; else HTTP 404. */
@Injectable()
export class GetReceivedTariffUseCase {
  constructor(private readonly tariffs: ReceivedTariffRepository) {}

  async execute({ ref }: { ref: ReceivedRef }): Promise<TariffJson> {
    const stored = await this.tariffs.find(ref);
    if (!stored?.object) throw OcpiException.notFound('Unknown Tariff');
    return stored.object;
  }
}
