import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import { type OcpiCaller, OcpiResult } from '@voltlane/ocpi-core';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import type { TokenDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import {
  assertSameIdentity,
  lastUpdatedIso,
  putToken,
  type TokenJson,
} from '../domain/received-token';
import { TokenRepository } from '../persistence/token.repository';
import { identityFor, run, type TokenAddress, tokenUpserted } from './token-access';

/**
 * `PUT {tokens}/{cc}/{pid}/{uid}[?type=]` [TOK › *PUT* Method]: stores the eMSP's token and
 * publishes `token.token.upserted.v1` (outbox, same transaction) for the gateway's authorization
 * cache. 201 when created, 200 when replaced; an older or equal `last_updated` changes nothing.
 */
@Injectable()
export class PutTokenUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    address: TokenAddress;
    token: TokenDto;
  }): Promise<OcpiResult> {
    const id = identityFor(command.caller, command.address);
    run(() => assertSameIdentity(id, command.token, true));
    // CiString ids: stored (and published) in upper case, as the event contract requires
    const incoming = {
      ...command.token,
      country_code: command.token.country_code.toUpperCase(),
      party_id: command.token.party_id.toUpperCase(),
    } as TokenJson;
    const correlationId = currentContext().correlationId ?? randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.tokens.findForUpdate(manager, id);
      const change = putToken(incoming, stored?.token ?? null);
      if (change.kind === 'unchanged') return new OcpiResult(undefined);
      const at = lastUpdatedIso(change.token);
      await this.tokens.save(manager, id, command.caller.partnerId, change.token, at);
      await this.outbox.append(manager, [
        {
          topic: Topics.TokenUpserted,
          data: tokenUpserted(change.token, at),
          correlationId,
          causationId: null,
        },
      ]);
      return new OcpiResult(undefined, { httpStatus: change.created ? 201 : 200 });
    });
  }
}
