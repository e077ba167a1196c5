import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { generateCredentialsToken } from '../auth/token.generator';
import { OurCredentials } from '../credentials/our-credentials';
import { PartnerRepository } from '../partners/partner.repository';
import { PartnerAlreadyRegisteredError } from './partner-registration.errors';
import { loadPartner } from './load-partner';

const logger = createLogger('ocpi', 'PartnerAdmin');

/** A new Token A for a partner that is not registered. */
@Injectable()
export class IssueTokenAUseCase {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly ours: OurCredentials,
  ) {}

  /** A new Token A for a partner that is not registered (again PENDING); the old one stops working. */
  async execute(command: {
    partnerId: string;
  }): Promise<{ id: string; token: string; versions_url: string }> {
    const id = command.partnerId;
    const partner = await loadPartner(this.partners, id);
    if (partner.status === 'REGISTERED') {
      throw new PartnerAlreadyRegisteredError(`partner ${id} is registered: unregister it first`);
    }
    const token = generateCredentialsToken();
    await this.partners.transaction((m) =>
      this.partners.update(m, id, { status: 'PENDING', tokenA: token, serverToken: null }),
    );
    logger.log('token A issued', { partnerId: id });
    return { id, token, versions_url: this.ours.urls.versionsUrl };
  }
}
