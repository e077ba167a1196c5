import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import type { OcpiCallerContext } from '../../auth/ocpi-caller';
import { PartnerRepository } from '../../partners/partner.repository';
import { OcpiException } from '../../transport/ocpi.exception';

const logger = createLogger('ocpi', 'Credentials');

/** DELETE credentials: the partner unregisters itself (405 when not registered). */
@Injectable()
export class DeleteCredentialsUseCase {
  constructor(private readonly partners: PartnerRepository) {}

  async execute(command: { caller: OcpiCallerContext }): Promise<void> {
    const { caller } = command;
    if (caller.tokenKind === 'A') throw OcpiException.methodNotAllowed('Not registered');
    await this.partners.transaction(async (m) => {
      const p = await this.partners.findById(caller.partnerId, m, true);
      if (!p || p.status !== 'REGISTERED') throw OcpiException.methodNotAllowed('Not registered');
      await this.partners.update(m, p.id, {
        status: 'UNREGISTERED',
        serverToken: null,
        previousServerToken: null,
        clientToken: null,
        tokenA: null,
      });
      await this.partners.replaceEndpoints(m, p.id, []);
    });
    logger.log('partner unregistered itself', { partnerId: caller.partnerId });
  }
}
