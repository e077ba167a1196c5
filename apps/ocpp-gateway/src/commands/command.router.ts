import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Topics, type CommandRequestedV1 } from '@voltlane/contracts-events';
import { isRetriable } from '@voltlane/platform-core';
import { KafkaPlatform, type ConsumerRunner } from '@voltlane/platform-kafka';
import { OcppWebSocketServer } from '../connection/ocpp-websocket.server';
import { CommandDelivery } from './command-delivery';

/**
 * Every replica reads every ocpp.command.requested in a consumer group of its own
 * (`ocpp-gateway-commands-<instanceId>`) and delivers the commands for the stations whose sockets
 * it holds (ADR 0013). Expired commands are skipped (the shared group answers them).
 */
@Injectable()
export class CommandRouter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: ConsumerRunner | null = null;

  constructor(
    private readonly kafka: KafkaPlatform,
    private readonly server: OcppWebSocketServer,
    private readonly delivery: CommandDelivery,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner = this.kafka.createConsumer({
      groupId: `ocpp-gateway-commands-${this.server.instanceId}`,
      topics: [Topics.OcppCommandRequested],
      isTransient: isRetriable,
      // From the beginning: expired commands are skipped, delivered ones are claimed already.
      fromBeginning: true,
      handler: async (events) => {
        for (const event of events) {
          await this.delivery.deliverIfHeldHere(
            event.envelope.data as CommandRequestedV1,
            event.envelope.correlationId,
          );
        }
      },
    });
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
