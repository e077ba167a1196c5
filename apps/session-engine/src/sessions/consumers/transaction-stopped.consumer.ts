import { Injectable } from '@nestjs/common';
import { Topics, type TransactionStoppedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { StopSessionUseCase } from '../use-cases/stop-session/stop-session.use-case';
import { SessionTxFactory } from './session-tx.factory';

@Injectable()
export class TransactionStoppedConsumer {
  constructor(
    private readonly stopSession: StopSessionUseCase,
    private readonly tx: SessionTxFactory,
  ) {}

  @ConsumeEvent(Topics.OcppTransactionStopped)
  handle(event: InboundEvent<TransactionStoppedV1>, scope: TransactionScope): Promise<void> {
    return this.stopSession.execute(event.envelope.data, this.tx.ofEvent(scope));
  }
}
