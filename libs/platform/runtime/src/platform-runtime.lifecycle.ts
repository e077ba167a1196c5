import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { KafkaPlatform } from '@voltlane/platform-kafka';
import { OutboxRelay, pendingMigrations } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { EventConsumerHost } from './event-consumer.host';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from './platform-runtime.options';

/**
 * Start-up and shutdown order of a service's infrastructure.
 * Start: DB → migrations check → topics + producer → (app bootstraps) → outbox relay → consumers.
 * Stop: consumers finish their in-flight chunk and commit → relay finishes its batch → producer
 * flushes and disconnects → DB pool closes. Nest runs `beforeApplicationShutdown` for every module
 * before any `onApplicationShutdown`, which gives the two phases.
 */
@Injectable()
export class PlatformRuntimeLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaPlatform,
    private readonly relay: OutboxRelay,
    private readonly consumers: EventConsumerHost,
    @Inject(PLATFORM_RUNTIME_OPTIONS) private readonly options: PlatformRuntimeOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    if (this.options.requireMigrated !== false) {
      const pending = await pendingMigrations(this.dataSource, this.options.schema);
      if (pending.length > 0) {
        throw new Error(
          `Schema ${this.options.schema} has ${pending.length} pending migration(s) (${pending.join(', ')}): run the migrate command first`,
        );
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumed = this.consumers.discover();
    await this.kafka.start([...new Set([...this.options.producesTopics, ...consumed])]);
    this.relay.start();
    await this.consumers.start();
    this.options.logger.log('platform runtime started', {
      schema: this.options.schema,
      produces: this.options.producesTopics.length,
      consumes: consumed,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafka
      .disconnect()
      .catch((err: unknown) =>
        this.options.logger.warn('kafka disconnect failed', { error: String(err) }),
      );
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
