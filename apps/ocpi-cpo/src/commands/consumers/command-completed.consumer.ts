import { Injectable } from '@nestjs/common';
import { type CommandCompletedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { CompleteCommandUseCase } from '../use-cases/complete-command.use-case';

/** The station answered one of our commands (or the gateway gave up) → OCPI result POST. */
@Injectable()
export class CommandCompletedConsumer {
  constructor(private readonly complete: CompleteCommandUseCase) {}

  @ConsumeEvent(Topics.OcppCommandCompleted)
  completed(event: InboundEvent<CommandCompletedV1>, scope: TransactionScope): Promise<void> {
    return this.complete.execute(event.envelope.data, scope.manager, event.envelope.correlationId);
  }
}
