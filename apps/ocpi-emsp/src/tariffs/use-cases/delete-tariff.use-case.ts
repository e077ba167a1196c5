import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { ReceivedTariffRepository } from '../persistence/received-tariff.repository';

/**
 * `DELETE {tariffs}/{cc}/{pid}/{tariff_id}`: the Tariff is no longer used. Idempotent: deleting an
 * unknown or already deleted Tariff answers success too (the CPO must not retry it forever).
 */
@Injectable()
export class DeleteTariffUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: ReceivedTariffRepository,
  ) {}

  async execute({ ref }: { ref: ReceivedRef }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.tariffs.lockAndFind(manager, ref);
      await this.tariffs.markDeleted(manager, ref);
    });
  }
}
