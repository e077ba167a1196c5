import type { EntitySchema, MixedList } from 'typeorm';

export interface RuntimeLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export interface PlatformRuntimeOptions {
  /** Service name: Kafka client id, consumer group, outbox producer, DB application name. */
  serviceName: string;
  /** Kafka consumer group and inbox consumer group; defaults to `serviceName`. */
  consumerGroup?: string;
  /** The service's own PostgreSQL schema. */
  schema: string;
  databaseUrl: string;
  databasePoolSize?: number;
  kafkaBrokers: string[];
  topicPartitions: number;
  /** Topics this service publishes; provisioned (with DLQs) at start-up. */
  producesTopics: string[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Fail start-up when migrations are pending (default true): schema changes are explicit. */
  requireMigrated?: boolean;
  outboxBatchSize?: number;
  consumerMaxAttempts?: number;
  consumerEventsPerCall?: number;
  logger: RuntimeLogger;
}

export const PLATFORM_RUNTIME_OPTIONS = Symbol('PLATFORM_RUNTIME_OPTIONS');
