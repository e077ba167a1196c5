import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { resolveInfrastructure } from '@voltlane/infra';
import { createServiceDataSource, OutboxWriter } from '@voltlane/platform-persistence';
import { PROBE_TOPIC, ProbeProcess, waitFor } from '@voltlane/testing';

/**
 * Event-backbone benchmark: outbox → relay → Kafka → idempotent consumer, with the producer and the
 * consumer as separate processes built on the platform runtime (the probe services), on real Kafka
 * and PostgreSQL. Prints one JSON document:
 *  - throughput: N events written through the outbox as fast as the writer can, time until the last
 *    one is applied by the consumer (events/s end to end);
 *  - latency: a fixed offered load (default 1,000 events/s) for a fixed time; latency per event is
 *    consumer-apply time minus the time the writer created it (same clock), p50/p95/p99/max.
 * Options (env): BENCH_EVENTS (100000), BENCH_RATE (1000), BENCH_SECONDS (30), BENCH_KEYS (1000).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const KEYS = Number(process.env.BENCH_KEYS ?? 1_000);
const TX_SIZE = 500;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const producerSchema = `bench_p_${run}`;
  const consumerSchema = `bench_c_${run}`;
  const common = {
    kafkaBrokers: infra.kafkaBrokers.join(','),
    databaseUrl: infra.databaseUrl,
    partitions: 6,
  };
  const producer = new ProbeProcess({
    ...common,
    role: 'producer',
    schema: producerSchema,
    serviceName: `bench-p-${run}`,
  });
  const consumer = new ProbeProcess({
    ...common,
    role: 'consumer',
    schema: consumerSchema,
    serviceName: `bench-c-${run}`,
  });
  const pool = new Pool({ connectionString: infra.databaseUrl, max: 4 });
  const db = createServiceDataSource({
    url: infra.databaseUrl,
    schema: producerSchema,
    applicationName: 'bench-writer',
    poolSize: 4,
  });
  const outbox = new OutboxWriter(producerSchema, 'platform-probe');
  const sequences = new Map<string, number>();

  const write = async (prefix: string, count: number) => {
    const sentAt = new Date().toISOString();
    await db.transaction((manager) =>
      outbox.append(
        manager,
        Array.from({ length: count }, () => {
          const probeKey = `${prefix}${Math.floor(Math.random() * KEYS)}`;
          const sequence = sequences.get(probeKey) ?? 0;
          sequences.set(probeKey, sequence + 1);
          return {
            topic: PROBE_TOPIC,
            data: { probeKey, sequence, amount: 1, sentAt },
            correlationId: run,
            causationId: null,
          };
        }),
      ),
    );
  };
  const applied = async (prefix: string) =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${consumerSchema}"."probe_applied" WHERE probe_key LIKE $1`,
          [`${prefix}%`],
        )
      ).rows[0].n,
    );

  try {
    await producer.start();
    await consumer.start();
    await db.initialize();

    // Warm-up: JIT, connections, consumer group assignment.
    await write('warm-', 2_000);
    await waitFor(
      () => applied('warm-'),
      (n) => n >= 2_000,
      { timeoutMs: 60_000, what: 'warm-up' },
    );

    // Throughput.
    log(`throughput: ${EVENTS} events through the outbox`);
    const t0 = performance.now();
    for (let written = 0; written < EVENTS; written += TX_SIZE)
      await write('tp-', Math.min(TX_SIZE, EVENTS - written));
    const writeSeconds = (performance.now() - t0) / 1000;
    await waitFor(
      () => applied('tp-'),
      (n) => n >= EVENTS,
      { timeoutMs: 600_000, intervalMs: 50, what: 'throughput run' },
    );
    const totalSeconds = (performance.now() - t0) / 1000;

    // Latency at a fixed offered load: a transaction every 10 ms.
    log(`latency: ${RATE} events/s offered for ${SECONDS} s`);
    const tickMs = 10;
    const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
    const ticks = Math.round((SECONDS * 1000) / tickMs);
    const start = performance.now();
    let lagging = 0;
    for (let i = 0; i < ticks; i++) {
      await write('lat-', perTick);
      const next = start + (i + 1) * tickMs;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else lagging += 1;
    }
    const offeredSeconds = (performance.now() - start) / 1000;
    const latencyEvents = ticks * perTick;
    await waitFor(
      () => applied('lat-'),
      (n) => n >= latencyEvents,
      { timeoutMs: 120_000, what: 'latency run' },
    );
    const { rows } = await pool.query<Record<string, number>>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99,
              max(latency_ms) AS max, count(*) AS n
       FROM "${consumerSchema}"."probe_applied" WHERE probe_key LIKE 'lat-%'`,
    );
    // Exactly once by effect: every written event applied, none twice (the ledger counts applications).
    const ledgerTotal = Number(
      (
        await pool.query<{ n: string }>(
          `SELECT coalesce(sum(applied_count), 0) AS n FROM "${consumerSchema}"."probe_ledger"
           WHERE probe_key LIKE 'tp-%' OR probe_key LIKE 'lat-%'`,
        )
      ).rows[0].n,
    );
    const l = rows[0];
    const result = {
      benchmark: 'event-backbone',
      date: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      infrastructure: infra.sources,
      setup: { partitions: 6, keys: KEYS, outboxTxSize: TX_SIZE, consumerEventsPerCall: 500 },
      throughput: {
        events: EVENTS,
        writeEventsPerSecond: Math.round(EVENTS / writeSeconds),
        endToEndSeconds: Number(totalSeconds.toFixed(2)),
        endToEndEventsPerSecond: Math.round(EVENTS / totalSeconds),
      },
      latency: {
        offeredEventsPerSecond: RATE,
        achievedOfferedEventsPerSecond: Math.round(latencyEvents / offeredSeconds),
        seconds: SECONDS,
        events: Number(l.n),
        lateTicks: lagging,
        p50Ms: Number(Number(l.p50).toFixed(1)),
        p95Ms: Number(Number(l.p95).toFixed(1)),
        p99Ms: Number(Number(l.p99).toFixed(1)),
        maxMs: Number(Number(l.max).toFixed(1)),
      },
      exactlyOnceCheck: { written: EVENTS + latencyEvents, applied: ledgerTotal },
      targets: { endToEndEventsPerSecond: '>= 5000', p99MsAt1000PerSecond: '< 100' },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await consumer.stop();
    await producer.stop();
    if (db.isInitialized) await db.destroy();
    await pool.end();
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
