import { Injectable } from '@nestjs/common';
import type { CredentialsDto } from '@voltlane/protocols-ocpi';
import type { OcpiCallerContext } from '../../auth/ocpi-caller';
import { OcpiException } from '../../transport/ocpi.exception';
import { CredentialsExchange } from '../credentials-exchange';

/** POST credentials: a partner registers with us using Token A (405 once registered). */
@Injectable()
export class RegisterPartnerUseCase {
  constructor(private readonly exchange: CredentialsExchange) {}

  execute(command: {
    caller: OcpiCallerContext;
    credentials: CredentialsDto;
  }): Promise<CredentialsDto> {
    if (command.caller.tokenKind !== 'A') {
      throw OcpiException.methodNotAllowed('Already registered: use PUT to update credentials');
    }
    return this.exchange.exchange(command.caller, command.credentials, 'POST');
  }
}
