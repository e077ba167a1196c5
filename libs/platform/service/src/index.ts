export { ServiceModule } from './service.module';
export {
  SERVICE_MODULE_OPTIONS,
  PROBLEM_DETAILS_OPTIONS,
  type ServiceModuleOptions,
  type ProblemDetailsOptions,
} from './service.options';
export { ServiceConfigModule, SERVICE_CONFIG } from './config/service-config.module';
export { HealthService, type ReadinessReport } from './health/health.service';
export { ServiceLifecycle } from './lifecycle/service-lifecycle.service';
export {
  MetricsService,
  type CounterDefinition,
  type GaugeDefinition,
  type HistogramDefinition,
  type SummaryDefinition,
} from './metrics/metrics.service';
export {
  CorrelationIdMiddleware,
  CORRELATION_ID_HEADER,
  correlationIdOf,
} from './http/correlation-id.middleware';
export {
  ProblemDetailsFilter,
  PROBLEM_JSON,
  type ProblemDetails,
} from './http/problem-details.filter';
export {
  bootstrapService,
  runWithConfig,
  type BootstrapServiceOptions,
  type ServiceRuntimeConfig,
} from './bootstrap/service.bootstrap';
export { OperatorKeyGuard, OperatorKeyRejectedError } from './http/operator-key.guard';
export { OffsetPageQuery } from './http/offset-page.query';
export { HttpTracingMiddleware, TracingFlush } from './tracing/http-tracing.middleware';
