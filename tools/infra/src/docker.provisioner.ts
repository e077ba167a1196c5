import type { Logger, ProvisionedKafka, ProvisionedPostgres } from './infrastructure.types';

/**
 * Resolution step 2: containers through Testcontainers when a Docker engine answers. Testcontainers
 * is loaded lazily (it costs ~0.3 s to import) and its Ryuk reaper removes the containers if we die.
 * Images can be overridden with VOLTLANE_KAFKA_IMAGE / VOLTLANE_POSTGRES_IMAGE.
 */

export const DEFAULT_KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0'; // Apache Kafka 3.9
export const DEFAULT_POSTGRES_IMAGE = 'postgres:15-alpine';
const KAFKA_CONTAINER_PORT = 9093; // @testcontainers/kafka's PLAINTEXT listener for the host
const DETECT_TIMEOUT_MS = 15_000;

export type DockerEngineCheck = { available: true } | { available: false; reason: string };

/** Whether a container runtime answers; fails within milliseconds when none is there. */
export async function detectDockerEngine(): Promise<DockerEngineCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${DETECT_TIMEOUT_MS / 1000}s`)),
          DETECT_TIMEOUT_MS,
        );
      }),
    ]);
    return { available: true };
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function provisionDockerKafka(log: Logger): Promise<ProvisionedKafka> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const image = process.env.VOLTLANE_KAFKA_IMAGE ?? DEFAULT_KAFKA_IMAGE;
  const started = Date.now();
  const container = await new KafkaContainer(image)
    .withKraft()
    .withEnvironment({
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
    })
    .start();
  const broker = `${container.getHost()}:${container.getMappedPort(KAFKA_CONTAINER_PORT)}`;
  log(`Kafka container ${image} ready on ${broker} in ${seconds(started)}s`);
  return {
    brokers: [broker],
    stop: async () => {
      await container.stop();
    },
  };
}

export async function provisionDockerPostgres(
  log: Logger,
  persistent: boolean,
): Promise<ProvisionedPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const image = process.env.VOLTLANE_POSTGRES_IMAGE ?? DEFAULT_POSTGRES_IMAGE;
  const started = Date.now();
  const settings = ['max_connections=300'];
  if (!persistent) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const container = await new PostgreSqlContainer(image)
    .withDatabase('voltlane')
    .withUsername('postgres')
    .withPassword('postgres')
    .withCommand(['postgres', ...settings.flatMap((setting) => ['-c', setting])])
    .start();
  log(`PostgreSQL container ${image} ready on port ${container.getPort()} in ${seconds(started)}s`);
  return {
    databaseUrl: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
