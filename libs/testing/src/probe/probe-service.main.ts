import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, splitCsv } from '@voltlane/platform-core';
import { PlatformRuntimeModule, runMigrateCommand } from '@voltlane/platform-runtime';
import { ProbeLedgerConsumer } from './probe-ledger.consumer';
import { PROBE_TOPIC, probeMigrations } from './probe.schema';
import { ProbeServiceEnv } from './probe-service.env';

/**
 * A real process built on the platform runtime exactly like the six services (data source, outbox
 * relay, Kafka platform, idempotent consumer host, start/stop ordering), used by the backbone
 * integration test and the event-backbone benchmark. Role `producer` only relays its outbox; role
 * `consumer` applies probe events to its ledger. Prints one JSON line `{"msg":"probe ready"}`.
 */
async function main(): Promise<void> {
  const env = loadConfigOrExit(ProbeServiceEnv, { serviceName: 'platform-probe' });
  const logger = createLogger(env.PROBE_SERVICE_NAME, 'Probe');
  const migrations = probeMigrations(env.PROBE_SCHEMA);
  await runMigrateCommand({
    serviceName: env.PROBE_SERVICE_NAME,
    schema: env.PROBE_SCHEMA,
    migrations,
    databaseUrl: env.DATABASE_URL,
    log: (msg, fields) => logger.debug(msg, fields),
  });

  const consumerProviders =
    env.PROBE_ROLE === 'consumer'
      ? [
          {
            provide: ProbeLedgerConsumer,
            useFactory: () => new ProbeLedgerConsumer(env.PROBE_SCHEMA, env.PROBE_APPLY_DELAY_MS),
          },
        ]
      : [];

  @Module({
    imports: [
      PlatformRuntimeModule.forRootAsync({
        useFactory: () => ({
          serviceName: env.PROBE_SERVICE_NAME,
          schema: env.PROBE_SCHEMA,
          databaseUrl: env.DATABASE_URL,
          kafkaBrokers: splitCsv(env.KAFKA_BROKERS),
          topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
          producesTopics: env.PROBE_ROLE === 'producer' ? [PROBE_TOPIC] : [],
          migrations,
          consumerEventsPerCall: env.PROBE_EVENTS_PER_CALL,
          logger: createLogger(env.PROBE_SERVICE_NAME, 'PlatformRuntime'),
        }),
      }),
    ],
    providers: consumerProviders,
  })
  class ProbeModule {}

  const app = await NestFactory.createApplicationContext(ProbeModule, { logger: logger });
  await app.init();
  logger.log('probe ready', { role: env.PROBE_ROLE, schema: env.PROBE_SCHEMA, pid: process.pid });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log('probe stopping', { signal });
    await app.close();
    logger.log('probe stopped', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', msg: 'probe failed', error: String(err) })}\n`,
  );
  process.exit(1);
});
