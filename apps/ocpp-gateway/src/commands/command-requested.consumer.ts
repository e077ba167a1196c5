import { Injectable } from '@nestjs/common';
import { Topics, type CommandRequestedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { CommandDelivery, completedEvent } from './command-delivery';

/**
 * ocpp.command.requested in the service's shared consumer group (ADR 0013): answers an expired
 * command with `Timeout`, and otherwise watches for the station being offline everywhere (after a
 * grace period) — delivery itself is done by the replica holding the socket (CommandRouter).
 */
@Injectable()
export class CommandRequestedConsumer {
  constructor(private readonly delivery: CommandDelivery) {}

  @ConsumeEvent(Topics.OcppCommandRequested)
  onCommandRequested(
    event: InboundEvent<CommandRequestedV1>,
    scope: TransactionScope,
  ): Promise<void> {
    const request = event.envelope.data;
    if (Date.parse(request.expiresAt) <= Date.now()) {
      scope.publish(
        Topics.OcppCommandCompleted,
        completedEvent(request, {
          outcome: 'Timeout',
          error: { code: 'Expired', description: 'the command expired before it could be sent' },
        }),
      );
      return Promise.resolve();
    }
    this.delivery.watchForOffline(request, event.envelope.correlationId);
    return Promise.resolve();
  }
}
