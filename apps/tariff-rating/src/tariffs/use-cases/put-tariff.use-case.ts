import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type TariffUpsertedV1, Topics } from '@voltlane/contracts-events';
import { currentContext, ValidationFailedError } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { TariffDto, validateOcpi } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { StaleTariffError } from '../domain/tariff.errors';
import { TariffRepository } from '../persistence/tariff.repository';

export interface PutTariffCommand {
  countryCode: string;
  partyId: string;
  tariffId: string;
  body: unknown;
}

/**
 * PUT /v1/tariffs/{country_code}/{party_id}/{tariff_id}: creates or replaces one of our tariffs
 * (validated to OCPI 2.2.1) and publishes `tariff.tariff.upserted.v1` in the same transaction.
 */
@Injectable()
export class PutTariffUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tariffs: TariffRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: PutTariffCommand): Promise<{ created: boolean; tariff: TariffDto }> {
    const checked = validateOcpi(TariffDto, command.body);
    if (!checked.ok) throw new ValidationFailedError('The tariff is invalid', checked.violations);
    const body = command.body as Record<string, unknown>;
    const mismatches = (
      [
        ['country_code', command.countryCode],
        ['party_id', command.partyId],
        ['id', command.tariffId],
      ] as const
    ).filter(([field, fromUrl]) => String(body[field]).toUpperCase() !== fromUrl.toUpperCase());
    if (mismatches.length > 0) {
      throw new ValidationFailedError(
        'The tariff does not match the URL',
        mismatches.map(([field, fromUrl]) => `${field}: must equal "${fromUrl}" from the URL`),
      );
    }
    const lastUpdated = new Date(checked.value.last_updated.replace(/Z?$/, 'Z'));
    const tariff = {
      ...body,
      country_code: String(body.country_code).toUpperCase(),
      party_id: String(body.party_id).toUpperCase(),
      last_updated: lastUpdated.toISOString(),
    };
    const correlationId = currentContext().correlationId ?? randomUUID();

    const created = await this.dataSource.transaction(async (manager) => {
      const existing = await this.tariffs.findForUpdate(
        manager,
        command.countryCode,
        command.partyId,
        command.tariffId,
      );
      if (existing && existing.lastUpdated > lastUpdated) {
        throw new StaleTariffError(
          `tariff ${command.tariffId} was last updated at ${existing.lastUpdated.toISOString()}`,
        );
      }
      await this.tariffs.save(manager, {
        countryCode: tariff.country_code,
        partyId: tariff.party_id,
        tariffId: checked.value.id,
        currency: checked.value.currency,
        lastUpdated,
        tariff,
      });
      const event: TariffUpsertedV1 = {
        countryCode: tariff.country_code,
        partyId: tariff.party_id,
        tariffId: checked.value.id,
        currency: checked.value.currency,
        lastUpdated: tariff.last_updated,
        tariff,
      };
      await this.outbox.append(manager, [
        { topic: Topics.TariffUpserted, data: event, correlationId, causationId: null },
      ]);
      return existing === null;
    });
    return { created, tariff: tariff as unknown as TariffDto };
  }
}
