import { randomInt } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findFreePorts,
  isPortFree,
  provisionLocalKafka,
  provisionLocalPostgres,
} from '@voltlane/infra';
import { waitFor } from '../backbone/wait-for';
import { httpStatus, NodeProcess } from './service.process';

/**
 * A real service process (session-engine) against its own Kafka broker and PostgreSQL cluster, so
 * the test can take each away: /health/ready is 200 only while both work, the process survives the
 * outages, refuses to start on an unmigrated schema, and shuts down cleanly on SIGTERM.
 */
type Kafka = Awaited<ReturnType<typeof provisionLocalKafka>>;
type Postgres = Awaited<ReturnType<typeof provisionLocalPostgres>>;

async function freePortPair(): Promise<number> {
  for (;;) {
    const port = randomInt(20_000, 60_000);
    if ((await isPortFree(port)) && (await isPortFree(port + 1))) return port;
  }
}

describe('session-engine readiness follows its Kafka and PostgreSQL connections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voltlane-ready-'));
  chmodSync(dir, 0o755); // the PostgreSQL server runs as an unprivileged user when we are root
  let kafkaPort: number;
  let pgPort: number;
  let httpPort: number;
  let kafka: Kafka | null = null;
  let postgres: Postgres | null = null;
  let service: NodeProcess | null = null;

  const startKafka = async () => {
    kafka = await provisionLocalKafka({
      dir: join(dir, 'kafka'),
      persistent: true,
      port: kafkaPort,
      log: () => undefined,
    });
  };
  const startPostgres = async () => {
    postgres = await provisionLocalPostgres({
      dir: join(dir, 'pg'),
      persistent: true,
      port: pgPort,
      log: () => undefined,
    });
  };
  const env = () => ({
    PORT: String(httpPort),
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    DATABASE_URL: postgres?.databaseUrl ?? '',
    SHUTDOWN_TIMEOUT_MS: '10000',
    ADMIN_API_KEY: 'readiness-test-operator-key-0123456789',
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
  });
  const readiness = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${httpPort}/health/ready`, {
        signal: AbortSignal.timeout(5_000),
      });
      return {
        status: res.status,
        body: (await res.json()) as { checks?: Record<string, string> },
      };
    } catch (err) {
      return { status: 0, body: { error: String(err) } as { checks?: Record<string, string> } };
    }
  };

  beforeAll(async () => {
    kafkaPort = await freePortPair();
    [pgPort, httpPort] = await findFreePorts(2);
    await Promise.all([startKafka(), startPostgres()]);
  });

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await kafka?.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start while its schema has pending migrations', async () => {
    const p = NodeProcess.service('session-engine', env()).start();
    const result = await p.exit;
    expect(result?.code).toBe(1);
    expect(p.tail()).toMatch(/pending migration/);
  });

  it('starts after the migrate command, ready with both checks up', async () => {
    const migrate = new NodeProcess(['apps', 'session-engine', 'src', 'migrate.js'], env()).start();
    expect((await migrate.exit)?.code).toBe(0);
    expect(migrate.tail()).toMatch(/PlatformTables1763769600000/);
    // A second run is a no-op.
    const again = new NodeProcess(['apps', 'session-engine', 'src', 'migrate.js'], env()).start();
    expect((await again.exit)?.code).toBe(0);

    service = NodeProcess.service('session-engine', env()).start();
    await service.waitForLine(/"msg":"listening"/, 60_000);
    const ready = await waitFor(readiness, (r) => r.status === 200, {
      timeoutMs: 30_000,
      what: 'ready',
    });
    expect(ready.body.checks).toEqual({ kafka: 'up', postgres: 'up' });
  });

  it('is not ready while Kafka is down, and ready again when it is back', async () => {
    await kafka?.stop();
    kafka = null;
    const down = await waitFor(readiness, (r) => r.status === 503, {
      timeoutMs: 30_000,
      what: 'not ready',
    });
    expect(down.body.checks?.kafka).toMatch(/^down/);
    expect(down.body.checks?.postgres).toBe('up');
    expect(await httpStatus(httpPort, '/health/live')).toBe(200);

    await startKafka();
    await waitFor(readiness, (r) => r.status === 200, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'ready again',
    });
  });

  it('is not ready while PostgreSQL is down, and ready again when it is back', async () => {
    await postgres?.stop();
    const down = await waitFor(readiness, (r) => r.status === 503, {
      timeoutMs: 30_000,
      what: 'not ready',
    });
    expect(down.body.checks?.postgres).toMatch(/^down/);
    expect(await httpStatus(httpPort, '/health/live')).toBe(200);

    await startPostgres();
    await waitFor(readiness, (r) => r.status === 200, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: 'ready again',
    });
  });

  it('shuts down gracefully on SIGTERM within its bound', async () => {
    const started = Date.now();
    const result = await service?.stop('SIGTERM', 30_000);
    expect(result).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(service?.tail()).toMatch(/shutdown complete/);
    expect(await httpStatus(httpPort, '/health/live')).toBe(0);
    service = null;
  });
});
