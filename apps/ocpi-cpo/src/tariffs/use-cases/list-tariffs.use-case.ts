import { Injectable } from '@nestjs/common';
import type { PageRequest } from '@voltlane/ocpi-core';
import { CpoTariffRepository, type TariffJson } from '../persistence/cpo-tariff.repository';

/** Largest page of the Tariffs Sender GET (`X-Limit`). */
export const TARIFFS_MAX_LIMIT = 100;

/** OCPI Tariffs Sender GET list: live tariffs by (last_updated, id); date_from ≤ t < date_to. */
@Injectable()
export class ListTariffsUseCase {
  constructor(private readonly tariffs: CpoTariffRepository) {}

  execute(page: PageRequest): Promise<{ total: number; items: TariffJson[] }> {
    return this.tariffs.listPage(page);
  }
}
