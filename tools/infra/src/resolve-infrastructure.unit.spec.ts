import { resolveInfrastructure, unresolvedError } from './resolve-infrastructure';

describe('resolveInfrastructure from the environment', () => {
  const saved = { kafka: process.env.KAFKA_BROKERS, database: process.env.DATABASE_URL };
  afterEach(() => {
    for (const [name, value] of [
      ['KAFKA_BROKERS', saved.kafka],
      ['DATABASE_URL', saved.database],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('uses KAFKA_BROKERS and DATABASE_URL as given, starting and stopping nothing', async () => {
    process.env.KAFKA_BROKERS = 'k1:9092,k2:9092';
    process.env.DATABASE_URL = 'postgres://app:pw@db:5432/voltlane';
    const messages: string[] = [];

    const infra = await resolveInfrastructure({ log: (msg) => messages.push(msg) });

    expect(infra.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
    expect(infra.databaseUrl).toBe('postgres://app:pw@db:5432/voltlane');
    expect(infra.sources).toEqual({ kafka: 'env', postgres: 'env' });
    expect(infra.logFiles).toEqual({});
    expect(messages.join('\n')).not.toContain(':pw@');
    await expect(infra.stop()).resolves.toBeUndefined();
  });

  it('fails on a malformed KAFKA_BROKERS instead of provisioning something else', async () => {
    process.env.KAFKA_BROKERS = 'localhost';
    process.env.DATABASE_URL = 'postgres://postgres@db:5432/voltlane';
    await expect(resolveInfrastructure()).rejects.toThrow(/KAFKA_BROKERS must be/);
  });
});

describe('unresolvedError', () => {
  it('names every attempt per missing service, indenting multi-line reasons', () => {
    const error = unresolvedError(['kafka'], {
      kafka: ['env: KAFKA_BROKERS is not set', 'docker: no engine', 'local: JVM exited\nlog tail'],
      postgres: [],
    });
    expect(error.message).toBe(
      'Could not provide Kafka/PostgreSQL infrastructure.\n' +
        'Kafka: tried\n' +
        '  - env: KAFKA_BROKERS is not set\n' +
        '  - docker: no engine\n' +
        '  - local: JVM exited\n    log tail',
    );
  });
});
