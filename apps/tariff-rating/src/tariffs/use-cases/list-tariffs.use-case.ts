import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@voltlane/platform-core';
import { TariffRepository } from '../persistence/tariff.repository';

export const MAX_PAGE_SIZE = 100;

/** GET /v1/tariffs?offset=&limit=: our tariffs, oldest change first. */
@Injectable()
export class ListTariffsUseCase {
  constructor(private readonly tariffs: TariffRepository) {}

  async execute(command: { offset?: string; limit?: string }) {
    const offset = parseCount(command.offset, 0, 'offset');
    const limit = Math.min(parseCount(command.limit, MAX_PAGE_SIZE, 'limit'), MAX_PAGE_SIZE);
    const page = await this.tariffs.list(offset, limit);
    return { total: page.total, offset, limit, items: page.items.map((r) => r.tariff) };
  }
}

function parseCount(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) {
    throw new ValidationFailedError(`invalid ${name}`, [`${name}: must be a non-negative integer`]);
  }
  return Number(value);
}
