import type { DynamicModule, Type } from '@nestjs/common';
import { type BaseServiceEnv, createLogger } from '@voltlane/platform-core';
import {
  bootstrapService,
  runWithConfig,
  ServiceModule,
  type BootstrapServiceOptions,
} from '@voltlane/platform-service';
import { MigrateEnv } from './migrate.env';
import { runMigrateCommand } from './migrate.command';
import { PlatformRuntimeModule } from './platform-runtime.module';
import { PLATFORM_HEALTH_INDICATORS, runtimeOptionsFromEnv } from './runtime-options.factory';

/** What makes a Voltlane service: its name, its schema, its env class and its migrations. */
export interface ServiceDefinition<E extends BaseServiceEnv = BaseServiceEnv> {
  /** Consumer group, Kafka client id, event producer, metrics label. */
  serviceName: string;
  /** The service's own PostgreSQL schema. */
  schema: string;
  env: Type<E>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

export function defineService<E extends BaseServiceEnv>(
  definition: ServiceDefinition<E>,
): ServiceDefinition<E> {
  return Object.freeze(definition);
}

/**
 * The platform modules every service's AppModule imports: HTTP health/metrics/problem+json
 * (ServiceModule) and Kafka + PostgreSQL with outbox, relay and idempotent consumers (runtime).
 */
export function platformModules(service: ServiceDefinition): DynamicModule[] {
  return [
    ServiceModule.forRoot({
      serviceName: service.serviceName,
      healthIndicators: [...PLATFORM_HEALTH_INDICATORS],
    }),
    PlatformRuntimeModule.forRootAsync({
      inject: [service.env],
      useFactory: (env: BaseServiceEnv) =>
        runtimeOptionsFromEnv(env, {
          serviceName: service.serviceName,
          schema: service.schema,
          migrations: service.migrations,
        }),
    }),
  ];
}

/** Per-service additions to `runServiceMain`. */
export interface ServiceMainOptions<E extends BaseServiceEnv> {
  /** Nest application options from the validated config (e.g. `httpsOptions` for TLS). */
  nestOptions?: (config: E) => BootstrapServiceOptions<E>['nestOptions'];
}

/** A service's main.ts: validate the env (exit 78 listing every bad variable), then start. */
export function runServiceMain<E extends BaseServiceEnv>(
  service: ServiceDefinition<E>,
  appModule: Type<unknown>,
  options: ServiceMainOptions<E> = {},
): Promise<void> {
  return runWithConfig(
    service.env,
    (config) =>
      bootstrapService({
        serviceName: service.serviceName,
        appModule,
        config,
        ...(options.nestOptions ? { nestOptions: options.nestOptions(config) } : {}),
      }),
    { serviceName: service.serviceName },
  );
}

/** A service's migrate.ts: apply pending migrations of its schema under an advisory lock, exit. */
export function runMigrateMain(service: ServiceDefinition): Promise<void> {
  return runWithConfig(
    MigrateEnv,
    async (config) => {
      const logger = createLogger(service.serviceName, 'Migrate');
      await runMigrateCommand({
        serviceName: service.serviceName,
        schema: service.schema,
        migrations: service.migrations,
        databaseUrl: config.DATABASE_URL,
        log: (msg, fields) => logger.log(msg, fields),
      });
    },
    { serviceName: service.serviceName },
  );
}
