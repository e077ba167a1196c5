/** Connection and tuning settings for the Kafka facade. Every service builds one from its env. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this service provisions (its own topics and DLQs). */
  defaultPartitions: number;
  /** Replication factor for provisioned topics (1 on a single local broker). */
  replicationFactor?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How often consumer lag is fetched once a consumer exists (default 15 000 ms). */
  lagIntervalMs?: number;
}

/** Minimal logger shape the facade writes to; JsonLogger from platform-core satisfies it. */
export interface KafkaLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

export const silentKafkaLogger: KafkaLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
