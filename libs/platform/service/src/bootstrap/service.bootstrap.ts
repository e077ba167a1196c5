import type { Server } from 'node:http';
import {
  type DynamicModule,
  type INestApplication,
  Module,
  type NestApplicationOptions,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  createLogger,
  describeConfig,
  initTracing,
  type EnvClass,
  isLogLevelName,
  type JsonLogger,
  loadConfigOrExit,
  serializeError,
  setDefaultLogLevel,
} from '@voltlane/platform-core';
import { ServiceConfigModule } from '../config/service-config.module';
import { ServiceLifecycle } from '../lifecycle/service-lifecycle.service';
import { GracefulShutdown } from './graceful-shutdown';

/** The part of the config bootstrap reads (BaseServiceEnv has all of it). */
export interface ServiceRuntimeConfig {
  PORT: number;
  HOST?: string;
  LOG_LEVEL?: string;
  SHUTDOWN_TIMEOUT_MS?: number;
}

export interface BootstrapServiceOptions<C extends ServiceRuntimeConfig> {
  serviceName: string;
  /** `service.version` of its traces; default: the version in the nearest package.json. */
  serviceVersion?: string;
  /** The app's root module; it should import `ServiceModule.forRoot(...)`. */
  appModule: Type<unknown> | DynamicModule;
  /** Validated config; injectable in the app via `ServiceConfigModule` (see there). */
  config: C;
  /** Runs before `listen`: global pipes, Swagger, body limits... */
  configure?: (app: INestApplication, logger: JsonLogger) => void | Promise<void>;
  nestOptions?: Omit<NestApplicationOptions, 'logger' | 'bufferLogs' | 'abortOnError'>;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

@Module({})
class ServiceRootModule {}

/**
 * Creates, configures and starts a Voltlane service with JSON logs, graceful shutdown within
 * `SHUTDOWN_TIMEOUT_MS`, and a non-zero exit on uncaught errors (see GracefulShutdown).
 *
 * Signals are handled here rather than with `app.enableShutdownHooks()`: Nest's listener would run
 * the hooks in parallel with ours, close HTTP only after the other modules are gone, has no time
 * bound and re-raises the signal (exit 143 instead of 0). The same Nest hooks
 * (onModuleDestroy, beforeApplicationShutdown, onApplicationShutdown) run via `app.close()`.
 */
export async function bootstrapService<C extends ServiceRuntimeConfig>(
  options: BootstrapServiceOptions<C>,
): Promise<INestApplication> {
  const { serviceName, config } = options;
  if (isLogLevelName(config.LOG_LEVEL)) {
    setDefaultLogLevel(config.LOG_LEVEL);
  }
  const logger = createLogger(serviceName);
  const shutdown = new GracefulShutdown({
    logger: logger.child('Shutdown'),
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
  });
  shutdown.installProcessHandlers();
  logger.log('starting', { config: describeConfig(config) }, 'Bootstrap');
  const tracing = initTracing({ serviceName, serviceVersion: options.serviceVersion });
  logger.log(
    tracing.enabled ? 'tracing on' : 'tracing off',
    tracing.enabled ? {} : { reason: tracing.reason },
    'Bootstrap',
  );

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(rootModule(options.appModule, config), {
      ...options.nestOptions,
      logger,
      abortOnError: false,
    });
    (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.(
      'x-powered-by',
    );
    const server = app.getHttpServer() as Server;
    shutdown.attach(app, { server, markNotReady: lifecycleOf(app) });
    await options.configure?.(app, logger);
    const host = config.HOST ?? '0.0.0.0';
    await app.listen(config.PORT, host);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.log('listening', { port, host }, 'Bootstrap');
    return app;
  } catch (err) {
    logger.fatal('failed to start', { err }, 'Bootstrap');
    if (!app) {
      process.exit(1);
    }
    await shutdown.shutdown('start-up failure', 1);
    throw err;
  }
}

/**
 * `main.ts` in one line: validate the env class (exit 78 listing every bad variable), then start.
 * A failure of `start` is logged as JSON and exits 1.
 */
export async function runWithConfig<T extends object>(
  EnvClass: EnvClass<T>,
  start: (config: T) => Promise<unknown>,
  options: { serviceName?: string } = {},
): Promise<void> {
  const config = loadConfigOrExit(EnvClass, { serviceName: options.serviceName });
  try {
    await start(config);
  } catch (err) {
    process.stderr.write(
      `${JSON.stringify({
        ts: new Date().toISOString(),
        level: 'fatal',
        ...(options.serviceName ? { service: options.serviceName } : {}),
        msg: 'service failed to start',
        err: err instanceof Error ? serializeError(err) : String(err),
      })}\n`,
    );
    process.exit(1);
  }
}

function rootModule(appModule: Type<unknown> | DynamicModule, config: object): DynamicModule {
  return { module: ServiceRootModule, imports: [ServiceConfigModule.forRoot(config), appModule] };
}

function lifecycleOf(app: INestApplication): (() => void) | undefined {
  try {
    const lifecycle = app.get(ServiceLifecycle, { strict: false });
    return () => lifecycle.markShuttingDown();
  } catch {
    return undefined; // the app does not import ServiceModule
  }
}
