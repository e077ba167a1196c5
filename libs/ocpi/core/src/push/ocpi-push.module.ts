import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from '@voltlane/platform-runtime';
import { MetricsService } from '@voltlane/platform-service';
import { DataSource } from 'typeorm';
import { PushQueueAdminController } from './admin/push-queue-admin.controller';
import {
  GetPushQueueSummaryUseCase,
  ListPushItemsUseCase,
  RetryPushItemUseCase,
} from './admin/push-queue.admin-use-cases';
import { OcpiClient } from '../client/ocpi.client';
import { OcpiClientPushTransport } from './ocpi-client.push-transport';
import { OcpiPushQueue } from './ocpi-push.queue';
import { OcpiPushWorker, type OcpiPushWorkerOptions } from './ocpi-push.worker';
import { PushQueueRepository } from './persistence/push-queue.repository';
import { OcpiPushMetrics } from './push.metrics';
import { PUSH_TRANSPORT, type PushTransport } from './push.types';

export interface OcpiPushModuleOptions {
  /** Modules the transport factory needs (e.g. the one providing OcpiClient). */
  imports?: ModuleMetadata['imports'];
  /**
   * The PushTransport. Default: OcpiClientPushTransport over the OcpiClient of
   * `OcpiCoreModule.forRoot(...)` (a global module the app imports).
   */
  transport?: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    useFactory: (...args: any[]) => PushTransport | Promise<PushTransport>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    inject?: any[];
  };
  /** Worker tuning; `enabled: false` queues without delivering (e.g. a read-only replica). */
  worker?: Omit<OcpiPushWorkerOptions, 'schema' | 'databaseUrl'> & {
    enabled?: boolean;
    /** How long shutdown waits for deliveries in flight (default 10 s). */
    shutdownBudgetMs?: number;
  };
}

const PUSH_MODULE_OPTIONS = Symbol('OCPI_PUSH_MODULE_OPTIONS');

/** Starts the worker after the app bootstrapped; lets in-flight deliveries finish at shutdown. */
@Injectable()
export class OcpiPushLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly worker: OcpiPushWorker,
    @Inject(PUSH_MODULE_OPTIONS) private readonly options: OcpiPushModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.worker?.enabled !== false) this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop(this.options.worker?.shutdownBudgetMs ?? 10_000);
  }
}

/**
 * OCPI push delivery for a service using the platform runtime (its DataSource and schema):
 * `OcpiPushQueue` to enqueue in transactions, the delivery worker (`OcpiPushWorker`, register
 * `onDelivered` hooks on it), push metrics and the operator API under `/admin/v1/push-queue`.
 * The service's migrations must create the table with `ocpiPushTablesUpSql(schema)`.
 */
@Module({})
export class OcpiPushModule {
  static forRoot(options: OcpiPushModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: PUSH_MODULE_OPTIONS, useValue: options },
      options.transport
        ? {
            provide: PUSH_TRANSPORT,
            useFactory: options.transport.useFactory,
            inject: options.transport.inject ?? [],
          }
        : {
            provide: PUSH_TRANSPORT,
            inject: [OcpiClient],
            useFactory: (client: OcpiClient) => new OcpiClientPushTransport(client),
          },
      {
        provide: PushQueueRepository,
        inject: [PLATFORM_RUNTIME_OPTIONS],
        useFactory: (o: PlatformRuntimeOptions) => new PushQueueRepository(o.schema),
      },
      {
        provide: OcpiPushQueue,
        inject: [PLATFORM_RUNTIME_OPTIONS],
        useFactory: (o: PlatformRuntimeOptions) => new OcpiPushQueue(o.schema),
      },
      {
        provide: OcpiPushMetrics,
        inject: [DataSource, PushQueueRepository, { token: MetricsService, optional: true }],
        useFactory: (ds: DataSource, repo: PushQueueRepository, metrics?: MetricsService) =>
          metrics ? new OcpiPushMetrics(metrics, ds, repo) : null,
      },
      {
        provide: OcpiPushWorker,
        inject: [DataSource, PUSH_TRANSPORT, PLATFORM_RUNTIME_OPTIONS, OcpiPushMetrics],
        useFactory: (
          ds: DataSource,
          transport: PushTransport,
          o: PlatformRuntimeOptions,
          metrics: OcpiPushMetrics | null,
        ) =>
          new OcpiPushWorker(
            ds,
            transport,
            { ...options.worker, schema: o.schema, databaseUrl: o.databaseUrl },
            o.logger,
            metrics ?? undefined,
          ),
      },
      GetPushQueueSummaryUseCase,
      ListPushItemsUseCase,
      RetryPushItemUseCase,
      OcpiPushLifecycle,
    ];
    return {
      module: OcpiPushModule,
      imports: options.imports ?? [],
      controllers: [PushQueueAdminController],
      providers,
      exports: [OcpiPushQueue, OcpiPushWorker, PushQueueRepository, PUSH_TRANSPORT],
    };
  }
}
