// Config
export {
  validateEnv,
  loadConfigOrExit,
  ConfigValidationError,
  EX_CONFIG,
  type ConfigIssue,
  type EnvClass,
  type EnvSource,
  type LoadConfigOptions,
} from './config/env.validation';
export {
  Sensitive,
  isSensitiveProperty,
  getSensitiveOptions,
  type SensitiveOptions,
} from './config/sensitive.decorator';
export { describeConfig } from './config/config.redaction';
export {
  BaseServiceEnv,
  NODE_ENVS,
  CONFIG_LOG_LEVELS,
  OTEL_TRACES_SAMPLERS,
  type NodeEnv,
  type ConfigLogLevel,
} from './config/base-service.env';
export {
  IsHostPortList,
  IsPostgresUrl,
  splitCsv,
  isHostPort,
  isPostgresUrl,
} from './config/env.validators';

// Logging
export {
  JsonLogger,
  createLogger,
  setDefaultLogLevel,
  isLogLevelName,
  LOG_LEVELS,
  type LogLevelName,
  type JsonLoggerOptions,
} from './logging/json.logger';
export {
  runWithContext,
  currentContext,
  withContextFields,
  type LogContext,
} from './logging/correlation.context';
export {
  redact,
  serializeError,
  maskUrlCredentials,
  maskUrl,
  isSensitiveKey,
  SENSITIVE_KEY_PATTERN,
  REDACTED,
  type SerializedError,
} from './logging/log.redaction';

// Errors
export { DomainError, type DomainErrorOptions } from './errors/domain.error';
export {
  TransientError,
  TimeoutError,
  NotFoundError,
  ValidationFailedError,
  ConflictError,
  UnauthorizedError,
  flattenValidationErrors,
} from './errors/platform.errors';
export { isRetriable } from './errors/retriable.policy';

// Health and async helpers
export type { HealthIndicator } from './health/health.indicator';
export { withTimeout } from './async/timeout.util';

// Tracing (OpenTelemetry)
export * from './tracing';
