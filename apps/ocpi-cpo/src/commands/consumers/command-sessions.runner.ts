import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  type ChargingSessionCompletedV1,
  type ChargingSessionStartedV1,
  Topics,
} from '@voltlane/contracts-events';
import { isRetriable } from '@voltlane/platform-core';
import { type ConsumerRunner, type InboundEvent, KafkaPlatform } from '@voltlane/platform-kafka';
import { IdempotentEventProcessor, OutboxWriter } from '@voltlane/platform-persistence';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from '@voltlane/platform-runtime';
import { DataSource } from 'typeorm';
import { RecordCommandSessionUseCase } from '../use-cases/record-command-session.use-case';

/**
 * Session started/completed events for the commands' session projection. cpo-sessions already
 * consumes these topics in the service's group (one `@ConsumeEvent` handler per topic), so this
 * projection reads them in a group of its own (`<group>-command-sessions`, its own inbox rows).
 */
@Injectable()
export class CommandSessionsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: ConsumerRunner | null = null;

  constructor(
    private readonly kafka: KafkaPlatform,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly record: RecordCommandSessionUseCase,
    @Inject(PLATFORM_RUNTIME_OPTIONS) private readonly options: PlatformRuntimeOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const group = `${this.options.consumerGroup ?? this.options.serviceName}-command-sessions`;
    const processor = new IdempotentEventProcessor(
      this.dataSource,
      this.options.schema,
      group,
      this.outbox,
    );
    this.runner = this.kafka.createConsumer({
      groupId: group,
      topics: [Topics.SessionStarted, Topics.SessionCompleted],
      isTransient: isRetriable,
      fromBeginning: true,
      handler: processor.handler<InboundEvent>(async (event, scope) => {
        if (event.topic === Topics.SessionStarted) {
          await this.record.started(scope.manager, event.envelope.data as ChargingSessionStartedV1);
        } else {
          await this.record.completed(
            scope.manager,
            event.envelope.data as ChargingSessionCompletedV1,
          );
        }
      }),
    });
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
