// Relative on purpose: Jest loads global setup/teardown with Node's own resolver, so the
// `@voltlane/*` moduleNameMapper does not apply here (it does in test files).
// eslint-disable-next-line @nx/enforce-module-boundaries -- Jest does not map @voltlane/* here
import { resolveInfrastructure } from '../../../../tools/infra/src';
import { getJestInfrastructure, setJestInfrastructure } from './infrastructure.state';

/**
 * Jest global setup of the `int` and `e2e` projects: real Kafka and PostgreSQL for the whole run
 * (KAFKA_BROKERS / DATABASE_URL, else Docker, else local processes; see tools/infra). Workers
 * inherit KAFKA_BROKERS and DATABASE_URL. Fails the run loudly when no infrastructure can be had.
 */
export default async function globalSetup(): Promise<void> {
  const existing = getJestInfrastructure();
  if (existing) {
    existing.users += 1;
    return;
  }
  const started = Date.now();
  const infra = await resolveInfrastructure({
    log: (msg) => process.stderr.write(`[infra] ${msg}\n`),
  });
  process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  process.env.DATABASE_URL = infra.databaseUrl;
  // e2e-kafka-per-file.ts gives each e2e file its own broker when Kafka is provisioned locally
  process.env.VOLTLANE_TEST_KAFKA_SOURCE = infra.sources.kafka;
  setJestInfrastructure({ infra, users: 1 });
  process.stderr.write(
    `[infra] Kafka ${infra.kafkaBrokers.join(',')} (${infra.sources.kafka}), PostgreSQL ` +
      `${new URL(infra.databaseUrl).host} (${infra.sources.postgres}) ready in ` +
      `${((Date.now() - started) / 1000).toFixed(1)}s\n`,
  );
}
