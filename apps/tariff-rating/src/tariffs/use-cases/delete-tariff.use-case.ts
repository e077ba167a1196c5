import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type TariffDeletedV1, Topics } from '@voltlane/contracts-events';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { TariffNotFoundError } from '../domain/tariff.errors';
import { TariffRepository } from '../persistence/tariff.repository';

export interface TariffAddress {
  countryCode: string;
  partyId: string;
  tariffId: string;
}

/** DELETE /v1/tariffs/{cc}/{pid}/{id}: removes it and publishes `tariff.tariff.deleted.v1`. */
@Injectable()
export class DeleteTariffUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: TariffRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: TariffAddress): Promise<void> {
    const correlationId = currentContext().correlationId ?? randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const deleted = await this.tariffs.delete(
        manager,
        command.countryCode,
        command.partyId,
        command.tariffId,
      );
      if (!deleted) throw new TariffNotFoundError(`tariff ${command.tariffId} not found`);
      const event: TariffDeletedV1 = {
        countryCode: deleted.countryCode,
        partyId: deleted.partyId,
        tariffId: deleted.tariffId,
        deletedAt: new Date().toISOString(),
      };
      await this.outbox.append(manager, [
        { topic: Topics.TariffDeleted, data: event, correlationId, causationId: null },
      ]);
    });
  }
}
