import { EventCatalog } from '@voltlane/contracts-events';
import { type BaseServiceEnv, createLogger, splitCsv } from '@voltlane/platform-core';
import { KafkaPlatform } from '@voltlane/platform-kafka';
import { DatabaseHealthIndicator } from '@voltlane/platform-persistence';
import type { PlatformRuntimeOptions } from './platform-runtime.options';

/** The indicators `/health/ready` must pass for every service on the runtime. */
export const PLATFORM_HEALTH_INDICATORS = [KafkaPlatform, DatabaseHealthIndicator] as const;

/** Topics whose contract names `service` as a producer. */
export function topicsProducedBy(service: string): string[] {
  return EventCatalog.filter((d) => (d.producers as readonly string[]).includes(service)).map(
    (d) => d.topic,
  );
}

/** Runtime options from the shared env: brokers, database, partitions, logger. */
export function runtimeOptionsFromEnv(
  env: BaseServiceEnv,
  service: Pick<PlatformRuntimeOptions, 'serviceName' | 'schema'> &
    Partial<Omit<PlatformRuntimeOptions, 'serviceName' | 'schema' | 'logger'>>,
): PlatformRuntimeOptions {
  return {
    databaseUrl: env.DATABASE_URL,
    kafkaBrokers: splitCsv(env.KAFKA_BROKERS),
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    producesTopics: topicsProducedBy(service.serviceName),
    consumerGroup: env.KAFKA_CONSUMER_GROUP,
    ...service,
    logger: createLogger(service.serviceName, 'PlatformRuntime'),
  };
}
