import {
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  Module,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KafkaPlatform } from '@voltlane/platform-kafka';
import {
  createServiceDataSource,
  DatabaseHealthIndicator,
  IdempotentEventProcessor,
  OutboxRelay,
  OutboxWriter,
} from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { EventConsumerHost } from './event-consumer.host';
import { PlatformRuntimeLifecycle } from './platform-runtime.lifecycle';
import { RuntimeMetrics } from './runtime.metrics';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from './platform-runtime.options';

export interface PlatformRuntimeAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => PlatformRuntimeOptions | Promise<PlatformRuntimeOptions>;
}

/**
 * Everything a Voltlane service needs from Kafka and PostgreSQL, wired once: the service's data
 * source, outbox writer and relay, the Kafka platform (topics, producer, consumers), the idempotent
 * event processor, `@ConsumeEvent` discovery, health indicators and the start/stop ordering.
 */
@Module({})
export class PlatformRuntimeModule {
  static forRootAsync(options: PlatformRuntimeAsyncOptions): DynamicModule {
    const providers = [
      {
        provide: PLATFORM_RUNTIME_OPTIONS,
        inject: options.inject ?? [],
        useFactory: options.useFactory,
      },
      {
        provide: DataSource,
        inject: [PLATFORM_RUNTIME_OPTIONS],
        useFactory: (o: PlatformRuntimeOptions) =>
          createServiceDataSource({
            url: o.databaseUrl,
            schema: o.schema,
            applicationName: o.serviceName,
            entities: o.entities,
            migrations: o.migrations,
            poolSize: o.databasePoolSize,
          }),
      },
      {
        provide: OutboxWriter,
        inject: [PLATFORM_RUNTIME_OPTIONS],
        useFactory: (o: PlatformRuntimeOptions) => new OutboxWriter(o.schema, o.serviceName),
      },
      {
        provide: KafkaPlatform,
        inject: [PLATFORM_RUNTIME_OPTIONS],
        useFactory: (o: PlatformRuntimeOptions) =>
          new KafkaPlatform(
            {
              brokers: o.kafkaBrokers,
              clientId: o.serviceName,
              defaultPartitions: o.topicPartitions,
            },
            o.logger,
          ),
      },
      {
        provide: OutboxRelay,
        inject: [PLATFORM_RUNTIME_OPTIONS, KafkaPlatform],
        useFactory: (o: PlatformRuntimeOptions, kafka: KafkaPlatform) =>
          new OutboxRelay(
            { databaseUrl: o.databaseUrl, schema: o.schema, batchSize: o.outboxBatchSize },
            kafka.producer,
            o.logger,
          ),
      },
      {
        provide: IdempotentEventProcessor,
        inject: [PLATFORM_RUNTIME_OPTIONS, DataSource, OutboxWriter],
        useFactory: (o: PlatformRuntimeOptions, ds: DataSource, writer: OutboxWriter) =>
          new IdempotentEventProcessor(ds, o.schema, o.consumerGroup ?? o.serviceName, writer),
      },
      {
        provide: DatabaseHealthIndicator,
        inject: [DataSource],
        useFactory: (ds: DataSource) => new DatabaseHealthIndicator(ds),
      },
      EventConsumerHost,
      PlatformRuntimeLifecycle,
      RuntimeMetrics,
    ];
    return {
      module: PlatformRuntimeModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers,
      exports: [
        PLATFORM_RUNTIME_OPTIONS,
        DataSource,
        OutboxWriter,
        KafkaPlatform,
        OutboxRelay,
        IdempotentEventProcessor,
        DatabaseHealthIndicator,
      ],
    };
  }
}
