import { Injectable } from '@nestjs/common';
import type { CredentialsDto } from '@voltlane/protocols-ocpi';
import type { OcpiCallerContext } from '../../auth/ocpi-caller';
import { OcpiException } from '../../transport/ocpi.exception';
import { CredentialsExchange } from '../credentials-exchange';

/** PUT credentials: rotation / new versions URL / endpoints of a registered partner (405 before). */
@Injectable()
export class UpdateCredentialsUseCase {
  constructor(private readonly exchange: CredentialsExchange) {}

  execute(command: {
    caller: OcpiCallerContext;
    credentials: CredentialsDto;
  }): Promise<CredentialsDto> {
    if (command.caller.tokenKind === 'A') {
      throw OcpiException.methodNotAllowed('Not registered: use POST to register');
    }
    return this.exchange.exchange(command.caller, command.credentials, 'PUT');
  }
}
