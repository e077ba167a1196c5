import { Inject, Injectable } from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions, type PageRequest } from '@voltlane/ocpi-core';
import type { OcpiTokenJson } from '../domain/emsp-token';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';

export const TOKENS_MAX_LIMIT = 100;

/** OCPI Tokens Sender GET list: one page of our tokens (for CPO resyncs, never per authorization). */
@Injectable()
export class ListTokensUseCase {
  constructor(
    private readonly tokens: EmspTokenRepository,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  execute(page: PageRequest): Promise<{ total: number; items: OcpiTokenJson[] }> {
    return this.tokens.listPage(page, {
      countryCode: this.party.countryCode,
      partyId: this.party.partyId,
    });
  }
}
