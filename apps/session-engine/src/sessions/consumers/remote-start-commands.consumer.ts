import { Injectable } from '@nestjs/common';
import {
  type CommandCompletedV1,
  type CommandRequestedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordCommandResultUseCase } from '../use-cases/record-command-result/record-command-result.use-case';
import { RequestRemoteStartUseCase } from '../use-cases/request-remote-start/request-remote-start.use-case';
import { LifecycleTxFactory } from './lifecycle-tx.factory';
import { causeOf } from './session-tx.factory';

/** RemoteStartTransaction requests and their results: PENDING sessions and their invalidation. */
@Injectable()
export class RemoteStartCommandsConsumer {
  constructor(
    private readonly requestRemoteStart: RequestRemoteStartUseCase,
    private readonly recordCommandResult: RecordCommandResultUseCase,
    private readonly tx: LifecycleTxFactory,
  ) {}

  @ConsumeEvent(Topics.OcppCommandRequested)
  requested(event: InboundEvent<CommandRequestedV1>, scope: TransactionScope): Promise<void> {
    return this.requestRemoteStart.execute(
      event.envelope.data,
      this.tx.ofEvent(scope),
      causeOf(event),
    );
  }

  @ConsumeEvent(Topics.OcppCommandCompleted)
  completed(event: InboundEvent<CommandCompletedV1>, scope: TransactionScope): Promise<void> {
    return this.recordCommandResult.execute(
      event.envelope.data,
      this.tx.ofEvent(scope),
      causeOf(event),
    );
  }
}
