import { Injectable } from '@nestjs/common';
import type { OcpiCaller } from '@voltlane/ocpi-core';
import type { TokenJson } from '../domain/received-token';
import { TokenRepository } from '../persistence/token.repository';
import { identityFor, type TokenAddress, unknownToken } from './token-access';

/** `GET {tokens}/{cc}/{pid}/{uid}[?type=]`: the token as we hold it (only the owner may read it). */
@Injectable()
export class GetTokenUseCase {
  constructor(private readonly tokens: TokenRepository) {}

  async execute(command: { caller: OcpiCaller; address: TokenAddress }): Promise<TokenJson> {
    const id = identityFor(command.caller, command.address);
    const stored = await this.tokens.find(id);
    if (!stored) throw unknownToken(id);
    return stored.token;
  }
}
