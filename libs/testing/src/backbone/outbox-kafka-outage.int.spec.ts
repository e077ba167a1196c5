import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { isPortFree, provisionLocalKafka } from '@voltlane/infra';
import { createServiceDataSource, OutboxWriter } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { PROBE_TOPIC } from '../probe/probe.schema';
import { ProbeProcess } from '../probe/probe.process';
import { waitFor } from './wait-for';

/**
 * "No write-then-hope": while the broker is down, services keep committing state changes with their
 * events into the outbox; once the broker is back the relay publishes every one of them, once.
 * This test runs its own broker (same data dir and port across a stop/start) so it can take it away.
 */
const run = randomUUID().slice(0, 8);
const producerSchema = `outage_p_${run}`;
const consumerSchema = `outage_c_${run}`;
type Broker = Awaited<ReturnType<typeof provisionLocalKafka>>;

async function freePortPair(): Promise<number> {
  for (;;) {
    const port = randomInt(20_000, 60_000);
    if ((await isPortFree(port)) && (await isPortFree(port + 1))) return port;
  }
}

describe('outbox across a Kafka outage (real broker stopped and restarted)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voltlane-outage-'));
  let port: number;
  let broker: Broker | null = null;
  let pool: Pool;
  let db: DataSource;
  const outbox = new OutboxWriter(producerSchema, 'platform-probe');
  const processes: ProbeProcess[] = [];

  const startBroker = async () => {
    broker = await provisionLocalKafka({ dir, persistent: true, port, log: () => undefined });
  };

  async function write(prefix: string, from: number, count: number): Promise<void> {
    await db.transaction((manager) =>
      outbox.append(
        manager,
        Array.from({ length: count }, (_, i) => ({
          topic: PROBE_TOPIC,
          data: { probeKey: `${prefix}${(from + i) % 5}`, sequence: from + i, amount: 1 },
          correlationId: `outage-${run}`,
          causationId: null,
        })),
      ),
    );
  }

  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0].n);

  beforeAll(async () => {
    port = await freePortPair();
    await startBroker();
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const common = {
      kafkaBrokers: `127.0.0.1:${port}`,
      databaseUrl: process.env.DATABASE_URL as string,
    };
    processes.push(
      new ProbeProcess({
        ...common,
        role: 'producer',
        schema: producerSchema,
        serviceName: `outage-p-${run}`,
      }),
      new ProbeProcess({
        ...common,
        role: 'consumer',
        schema: consumerSchema,
        serviceName: `outage-c-${run}`,
      }),
    );
    await processes[0].start(); // provisions the topic and migrates the producer schema
    await processes[1].start();
    db = createServiceDataSource({
      url: process.env.DATABASE_URL as string,
      schema: producerSchema,
      applicationName: 'outage-test',
    });
    await db.initialize();
  });

  afterAll(async () => {
    for (const p of processes) await p.stop();
    await broker?.stop();
    await db?.destroy();
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps rows written while Kafka is down and publishes each exactly once when it is back', async () => {
    const prefix = `outage-${run}-`;
    const applied = () =>
      count(
        `SELECT count(*) AS n FROM "${consumerSchema}"."probe_applied" WHERE probe_key LIKE '${prefix}%'`,
      );
    const pending = () => count(`SELECT count(*) AS n FROM "${producerSchema}"."outbox"`);

    await write(prefix, 0, 20);
    await waitFor(applied, (n) => n === 20, {
      timeoutMs: 60_000,
      what: 'events before the outage',
    });

    await broker?.stop();
    broker = null;
    await write(prefix, 20, 40); // the service keeps working: state + events commit to the outbox
    await write(prefix, 60, 40);
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await pending()).toBe(80);
    expect(await applied()).toBe(20);

    await startBroker();
    await waitFor(applied, (n) => n >= 100, {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'the backlog after the outage',
    });
    await waitFor(pending, (n) => n === 0, { timeoutMs: 30_000, what: 'an empty outbox' });
    await new Promise((r) => setTimeout(r, 1_000));

    expect(await applied()).toBe(100);
    const { rows } = await pool.query<{ applied_count: number; out_of_order: number }>(
      `SELECT applied_count, out_of_order FROM "${consumerSchema}"."probe_ledger" WHERE probe_key LIKE $1`,
      [`${prefix}%`],
    );
    expect(rows.reduce((sum, r) => sum + r.applied_count, 0)).toBe(100);
    expect(rows.every((r) => r.out_of_order === 0)).toBe(true);
  });
});
