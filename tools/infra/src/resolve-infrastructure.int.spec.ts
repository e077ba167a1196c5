import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { probeKafkaApiVersions } from './kafka-api-versions.probe';
import type { Infrastructure, ResolveOptions } from './infrastructure.types';
import { canConnect, findFreePorts } from './net.utils';
import { resolveInfrastructure } from './resolve-infrastructure';
import { createThrowawayDir } from './work-dir';

// Jest only honours testTimeout globally, not per project: each test here starts real processes.
jest.setTimeout(180_000);

const PRODUCE = 0;
const FETCH = 1;
const METADATA = 3;

async function queryScalar(databaseUrl: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const result = await client.query(sql);
    const [row] = result.rows as Array<Record<string, unknown>>;
    return row === undefined ? undefined : Object.values(row)[0];
  } finally {
    await client.end();
  }
}

function portOf(hostPort: string): number {
  return Number(hostPort.slice(hostPort.lastIndexOf(':') + 1));
}

const VARIABLES = ['KAFKA_BROKERS', 'DATABASE_URL', 'VOLTLANE_INFRA_DOCKER'] as const;

/**
 * Resolves with KAFKA_BROKERS / DATABASE_URL (set by the global setup) hidden, so Docker or local
 * provisioning is exercised; `localOnly` also skips Docker.
 */
async function resolveWithoutEnv(options: ResolveOptions = {}, localOnly = false) {
  const saved = VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of VARIABLES) delete process.env[name];
  if (localOnly) process.env.VOLTLANE_INFRA_DOCKER = '0';
  try {
    return await resolveInfrastructure({ log: () => undefined, ...options });
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('infrastructure provided by the Jest global setup', () => {
  it('exposes a PostgreSQL that answers select 1 on the voltlane database', async () => {
    const databaseUrl = process.env.DATABASE_URL;
    expect(databaseUrl).toBeDefined();
    expect(await queryScalar(databaseUrl!, 'select 1 as one')).toBe(1);
    expect(await queryScalar(databaseUrl!, 'select current_database()')).toBe('voltlane');
  });

  it('exposes Kafka brokers that answer the Kafka protocol', async () => {
    const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
    expect(brokers.length).toBeGreaterThan(0);
    for (const broker of brokers) {
      const answer = await probeKafkaApiVersions(broker);
      expect(answer.errorCode).toBe(0);
      expect([...answer.apiKeys.keys()]).toEqual(
        expect.arrayContaining([PRODUCE, FETCH, METADATA]),
      );
    }
  });
});

describe('resolveInfrastructure without KAFKA_BROKERS / DATABASE_URL', () => {
  let infra: Infrastructure | undefined;

  afterEach(async () => {
    await infra?.stop();
    infra = undefined;
  });

  it('provisions a started Kafka broker and a PostgreSQL with the voltlane database, and stop() removes them', async () => {
    infra = await resolveWithoutEnv();

    expect(infra.sources.kafka).not.toBe('env');
    expect(infra.sources.postgres).not.toBe('env');
    expect(infra.databaseUrl).toMatch(/^postgres(ql)?:\/\/.+\/voltlane$/);
    expect(await queryScalar(infra.databaseUrl, 'select 1 as one')).toBe(1);

    const [broker] = infra.kafkaBrokers;
    expect(broker).toBeDefined();
    const kafkaPort = portOf(broker!);
    expect(await canConnect(kafkaPort, broker!.slice(0, broker!.lastIndexOf(':')))).toBe(true);
    expect((await probeKafkaApiVersions(broker!)).errorCode).toBe(0);

    if (infra.sources.kafka === 'local') {
      const kafkaLog = infra.logFiles.kafka!;
      expect(readFileSync(kafkaLog, 'utf8')).toMatch(
        /Kafka Server started|started \(kafka\.server\.KafkaRaftServer\)/,
      );
    }

    const postgresPort = portOf(new URL(infra.databaseUrl).host);
    const localDirs = [infra.logFiles.kafka, infra.logFiles.postgres]
      .filter((file): file is string => file !== undefined)
      .map((file) => dirname(dirname(file)));
    await infra.stop();

    expect(await canConnect(kafkaPort)).toBe(false);
    expect(await canConnect(postgresPort)).toBe(false);
    for (const dir of localDirs) expect(existsSync(dir)).toBe(false);
  });

  it('fails loudly, naming each attempt, and stops what it had started', async () => {
    const workDir = createThrowawayDir();
    const blocker = createServer();
    try {
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const takenPort = (blocker.address() as AddressInfo).port;
      const [postgresPort] = await findFreePorts(1);

      const attempt = resolveWithoutEnv(
        { persistent: true, workDir, kafkaPort: takenPort, postgresPort },
        true,
      );

      await expect(attempt).rejects.toThrow(
        new RegExp(
          `Kafka: tried\\n  - env: KAFKA_BROKERS is not set\\n  - docker: [^\\n]+\\n` +
            `  - local: port 127\\.0\\.0\\.1:${takenPort} is in use`,
        ),
      );
      expect(await canConnect(postgresPort!)).toBe(false);
    } finally {
      blocker.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('reuses the Kafka cluster id and the PostgreSQL cluster of a persistent workDir', async () => {
    const workDir = createThrowawayDir();
    try {
      const [kafkaPort, postgresPort] = await findFreePorts(2);
      const options = { persistent: true, workDir, kafkaPort, postgresPort };

      infra = await resolveWithoutEnv(options, true);
      expect(infra.sources).toEqual({ kafka: 'local', postgres: 'local' });
      expect(infra.kafkaBrokers).toEqual([`127.0.0.1:${kafkaPort}`]);
      expect(infra.databaseUrl).toBe(`postgres://postgres@127.0.0.1:${postgresPort}/voltlane`);
      const meta = `${workDir}/kafka/data/meta.properties`;
      const clusterId = /cluster\.id=(.+)/.exec(readFileSync(meta, 'utf8'))?.[1];
      expect(clusterId).toBeDefined();
      await queryScalar(infra.databaseUrl, 'create table kept_between_runs (id int)');
      await infra.stop();

      infra = await resolveWithoutEnv(options, true);
      expect(/cluster\.id=(.+)/.exec(readFileSync(meta, 'utf8'))?.[1]).toBe(clusterId);
      expect(readFileSync(infra.logFiles.kafka!, 'utf8')).toMatch(/Kafka Server started/);
      expect(
        await queryScalar(infra.databaseUrl, "select to_regclass('kept_between_runs')::text"),
      ).toBe('kept_between_runs');
      await infra.stop();
      expect(existsSync(meta)).toBe(true);
    } finally {
      await infra?.stop();
      infra = undefined;
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
