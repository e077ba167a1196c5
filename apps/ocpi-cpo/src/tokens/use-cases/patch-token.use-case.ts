import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import type { OcpiCaller } from '@voltlane/ocpi-core';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import type { TokenPatchDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { assertSameIdentity, lastUpdatedIso, patchToken } from '../domain/received-token';
import { TokenRepository } from '../persistence/token.repository';
import { identityFor, run, type TokenAddress, tokenUpserted, unknownToken } from './token-access';

/**
 * `PATCH {tokens}/{cc}/{pid}/{uid}[?type=]` [TOK › *PATCH* Method]: `last_updated` required (the
 * DTO → 2001), ids in the body must match the URL, unknown token → 404 (the eMSP then PUTs it);
 * an older or equal `last_updated` is acknowledged and ignored. Publishes token.token.upserted.v1.
 */
@Injectable()
export class PatchTokenUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    address: TokenAddress;
    patch: TokenPatchDto;
  }): Promise<void> {
    const id = identityFor(command.caller, command.address);
    run(() => assertSameIdentity(id, command.patch, false));
    const correlationId = currentContext().correlationId ?? randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const stored = await this.tokens.findForUpdate(manager, id);
      if (!stored) throw unknownToken(id);
      const change = patchToken(command.patch, stored.token);
      if (change.kind === 'unchanged') return;
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
    });
  }
}
