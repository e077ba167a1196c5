import { Inject, Injectable } from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '@voltlane/ocpi-core';
import { NotFoundError } from '@voltlane/platform-core';
import type { EmspToken } from '../domain/emsp-token';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';

/** `GET /admin/v1/tokens/{uid}?type=` (operator): one of our tokens with its driver; else 404. */
@Injectable()
export class GetTokenUseCase {
  constructor(
    private readonly tokens: EmspTokenRepository,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute({ uid, type }: { uid: string; type?: string }): Promise<EmspToken> {
    const found = await this.tokens.find(uid, type ?? 'RFID', {
      countryCode: this.party.countryCode,
      partyId: this.party.partyId,
    });
    if (!found) throw new NotFoundError(`Unknown token ${uid} (${type ?? 'RFID'})`);
    return found;
  }
}
