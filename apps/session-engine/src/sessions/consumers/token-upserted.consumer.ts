import { Injectable } from '@nestjs/common';
import { Topics, type TokenUpsertedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordTokenUseCase } from '../use-cases/record-token/record-token.use-case';
import { LifecycleTxFactory } from './lifecycle-tx.factory';

/** OCPI tokens (eMSP, contract id) for the `cdr_token` of sessions started by an RFID idTag. */
@Injectable()
export class TokenUpsertedConsumer {
  constructor(
    private readonly recordToken: RecordTokenUseCase,
    private readonly tx: LifecycleTxFactory,
  ) {}

  @ConsumeEvent(Topics.TokenUpserted)
  handle(event: InboundEvent<TokenUpsertedV1>, scope: TransactionScope): Promise<void> {
    return this.recordToken.execute(event.envelope.data, this.tx.ofEvent(scope));
  }
}
