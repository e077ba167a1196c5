import { Injectable } from '@nestjs/common';
import type { CredentialsDto } from '@voltlane/protocols-ocpi';
import type { OcpiCallerContext } from '../../auth/ocpi-caller';
import { PartnerRepository } from '../../partners/partner.repository';
import { OcpiException } from '../../transport/ocpi.exception';
import { OurCredentials } from '../our-credentials';

/**
 * GET credentials: our Credentials with the token the caller should use — Token A while pending,
 * else the current server token (also when called with the previous one: a lost PUT answer).
 */
@Injectable()
export class GetCredentialsUseCase {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly ours: OurCredentials,
  ) {}

  async execute(command: { caller: OcpiCallerContext }): Promise<CredentialsDto> {
    const p = await this.partners.findById(command.caller.partnerId);
    const token = command.caller.tokenKind === 'A' ? p?.tokenA : p?.serverToken;
    if (!p || !token) throw OcpiException.unauthorized();
    return this.ours.withToken(token);
  }
}
