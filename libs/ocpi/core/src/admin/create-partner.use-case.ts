import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { generateCredentialsToken } from '../auth/token.generator';
import { OurCredentials } from '../credentials/our-credentials';
import { PartnerRepository } from '../partners/partner.repository';
import type { CreatePartnerRequestDto } from './partner-admin.dto';

const logger = createLogger('ocpi', 'PartnerAdmin');

/** Creates a partner (PENDING) with the roles it may use and issues its Token A. */
@Injectable()
export class CreatePartnerUseCase {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly ours: OurCredentials,
  ) {}

  async execute(
    req: CreatePartnerRequestDto,
  ): Promise<{ id: string; token: string; versions_url: string }> {
    const id = randomUUID();
    const tokenA = generateCredentialsToken();
    await this.partners.insert({
      id,
      name: req.name,
      declaredRoles: req.roles.map((r) => ({
        countryCode: r.country_code.toUpperCase(),
        partyId: r.party_id.toUpperCase(),
        role: r.role,
      })),
      tokenA,
      acceptRawTokens: req.accept_raw_tokens ?? false,
      outgoingTokenEncoding: req.outgoing_token_encoding ?? 'base64',
    });
    logger.log('partner created', { partnerId: id });
    return { id, token: tokenA, versions_url: this.ours.urls.versionsUrl };
  }
}
