import { Injectable } from '@nestjs/common';
import { Topics, type TransactionStartedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { StartSessionUseCase } from '../use-cases/start-session/start-session.use-case';
import { LifecycleTxFactory } from './lifecycle-tx.factory';

@Injectable()
export class TransactionStartedConsumer {
  constructor(
    private readonly startSession: StartSessionUseCase,
    private readonly tx: LifecycleTxFactory,
  ) {}

  @ConsumeEvent(Topics.OcppTransactionStarted)
  handle(event: InboundEvent<TransactionStartedV1>, scope: TransactionScope): Promise<void> {
    return this.startSession.execute(event.envelope.data, this.tx.ofEvent(scope));
  }
}
