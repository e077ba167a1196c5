import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Sensitive } from './sensitive.decorator';
import { IsHostPortList, IsPostgresUrl } from './env.validators';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const CONFIG_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type ConfigLogLevel = (typeof CONFIG_LOG_LEVELS)[number];
/** The samplers OpenTelemetry's `OTEL_TRACES_SAMPLER` names (the SDK reads the variable itself). */
export const OTEL_TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * Environment every Voltlane service shares. Each app extends it with its own variables and sets
 * its default port:
 *
 * ```ts
 * export class SessionEngineEnv extends BaseServiceEnv {
 *   override PORT = 9001;
 *   @IsInt() @Min(1) METER_VALUES_BATCH_SIZE: number = 500;
 * }
 * ```
 */
export class BaseServiceEnv {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'production';

  @IsIn(CONFIG_LOG_LEVELS)
  LOG_LEVEL: ConfigLogLevel = 'info';

  /** HTTP port (health, metrics, APIs). No default here: each app sets its own. */
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  /** Interface to bind. */
  @IsString()
  @IsNotEmpty()
  HOST: string = '0.0.0.0';

  /** `kafka-1:9092,kafka-2:9092`. Split with `splitCsv`. */
  @IsHostPortList()
  KAFKA_BROKERS: string;

  /** Defaults to the service name where the Kafka library needs one. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: '$property may only contain A-Z a-z 0-9 . _ -' })
  KAFKA_CLIENT_ID?: string;

  /**
   * Kafka consumer group (and inbox `consumer_group`); defaults to the service name. Set it only to
   * run an isolated copy of a service beside another one on the same broker (tests, benchmarks).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: '$property may only contain A-Z a-z 0-9 . _ -' })
  KAFKA_CONSUMER_GROUP?: string;

  /** `postgres://user:password@host:5432/voltlane` — logged with the password masked. */
  @Sensitive({ mask: 'url' })
  @IsPostgresUrl()
  DATABASE_URL: string;

  /** Bound on graceful shutdown; the process exits with code 1 when it is exceeded. */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS: number = 15_000;

  /** Partitions for topics this service creates. */
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  /**
   * OTLP/HTTP collector base URL (`http://otel-collector:4318`; traces go to `<url>/v1/traces`).
   * Unset: tracing is off (trace context is still passed on). Read by the OpenTelemetry SDK.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: '$property must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Headers for the collector (`authorization=Bearer …,x-tenant=…`); never logged. */
  @IsOptional()
  @Sensitive()
  @IsString()
  OTEL_EXPORTER_OTLP_HEADERS?: string;

  /** `true` turns tracing off even when an endpoint is set. */
  @IsOptional()
  @IsIn(['true', 'false'])
  OTEL_SDK_DISABLED?: string;

  /** Sampler (default `parentbased_always_on`). */
  @IsOptional()
  @IsIn(OTEL_TRACES_SAMPLERS)
  OTEL_TRACES_SAMPLER?: string;

  /** Sampler argument: the ratio (0..1) of the `*traceidratio` samplers. */
  @IsOptional()
  @Matches(/^(0(\.\d+)?|1(\.0+)?)$/, { message: '$property must be a ratio between 0 and 1' })
  OTEL_TRACES_SAMPLER_ARG?: string;
}
