import { Injectable } from '@nestjs/common';
import { TariffNotFoundError } from '../domain/tariff.errors';
import { TariffRepository } from '../persistence/tariff.repository';
import type { TariffAddress } from './delete-tariff.use-case';

/** GET /v1/tariffs/{cc}/{pid}/{id}: the stored OCPI Tariff object. */
@Injectable()
export class GetTariffUseCase {
  constructor(private readonly tariffs: TariffRepository) {}

  async execute(command: TariffAddress): Promise<Record<string, unknown>> {
    const found = await this.tariffs.find(command.countryCode, command.partyId, command.tariffId);
    if (!found) throw new TariffNotFoundError(`tariff ${command.tariffId} not found`);
    return found.tariff;
  }
}
