import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { CorrelationIdMiddleware } from './http/correlation-id.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ServiceLifecycle } from './lifecycle/service-lifecycle.service';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { HttpTracingMiddleware, TracingFlush } from './tracing/http-tracing.middleware';
import {
  PROBLEM_DETAILS_OPTIONS,
  SERVICE_MODULE_OPTIONS,
  type ServiceModuleOptions,
} from './service.options';

/**
 * What every Voltlane service exposes over HTTP: `/health/live`, `/health/ready`, `/metrics`,
 * `x-correlation-id` handling, HTTP metrics, a tracing span per request and (by default) problem+json errors. Global: import it
 * once, in the app module.
 */
@Module({})
export class ServiceModule implements NestModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_MODULE_OPTIONS, useValue: options },
      { provide: PROBLEM_DETAILS_OPTIONS, useValue: options.problemDetails || {} },
      ServiceLifecycle,
      HealthService,
      MetricsService,
      ProblemDetailsFilter,
      CorrelationIdMiddleware,
      HttpMetricsMiddleware,
      HttpTracingMiddleware,
      TracingFlush,
    ];
    if (options.problemDetails !== false) {
      providers.push({ provide: APP_FILTER, useClass: ProblemDetailsFilter });
    }
    return {
      module: ServiceModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers,
      exports: [
        SERVICE_MODULE_OPTIONS,
        PROBLEM_DETAILS_OPTIONS,
        ServiceLifecycle,
        HealthService,
        MetricsService,
        ProblemDetailsFilter,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(HttpTracingMiddleware, CorrelationIdMiddleware, HttpMetricsMiddleware)
      .forRoutes('*');
  }
}
