import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import {
  createEnvelope,
  keyOf,
  type MeterValuesReceivedV1,
  toHeaders,
  Topics,
  type TransactionStartedV1,
} from '@voltlane/contracts-events';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import { KafkaPlatform, type OutgoingRecord, silentKafkaLogger } from '@voltlane/platform-kafka';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';

/**
 * session-ingest benchmark: meter-value events processed per second by session-engine (a real
 * process from dist/, with persistence: samples, sessions, inbox and outbox in PostgreSQL) on real
 * Kafka. BENCH_STATIONS stations each run one transaction; BENCH_EVENTS MeterValues events (energy
 * register, power, current and SoC: 4 sampled values each) are produced as a backlog while
 * session-engine is stopped; then it starts and drains it. `eventsPerSecond` is events applied per
 * second from the first to the last one applied (inbox timestamps); `drainWallEventsPerSecond`
 * also counts process start-up and the consumer group join.
 * session-engine scales by partitions: BENCH_REPLICAS processes share one consumer group, as
 * replicas in a cluster would. Prints one JSON document. Options (env): BENCH_EVENTS (100000),
 * BENCH_STATIONS (1000), BENCH_PARTITIONS (6), BENCH_REPLICAS (2), BENCH_CPU_PROFILE_DIR (write a
 * .cpuprofile per session-engine process), BENCH_NODE_OPTIONS. `verified` checks that exactly this
 * run's sessions, samples and energy were stored: run it on its own throw-away infrastructure
 * (KAFKA_BROKERS/DATABASE_URL unset), as a new consumer group reads existing topics from the start.
 * The validation cost alone: `node dist/bench/session-ingest/validation-micro.js`.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const STATIONS = Number(process.env.BENCH_STATIONS ?? 1_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 2);
const TARGET = 10_000;
const SEND_BATCH = 2_000;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const T0 = Date.parse('2025-03-14T09:00:00Z');

function toRecord(
  topic: typeof Topics.OcppTransactionStarted,
  data: TransactionStartedV1,
): OutgoingRecord;
function toRecord(
  topic: typeof Topics.OcppMeterValuesReceived,
  data: MeterValuesReceivedV1,
): OutgoingRecord;
function toRecord(topic: string, data: unknown): OutgoingRecord {
  const envelope = createEnvelope(topic as never, data as never, {
    producer: 'ocpp-gateway',
    correlationId: randomUUID(),
    causationId: null,
  });
  return {
    topic,
    key: keyOf(topic as never, data as never),
    value: JSON.stringify(envelope),
    headers: toHeaders(envelope),
  };
}

function meterValues(station: number, step: number, run: string): MeterValuesReceivedV1 {
  const timestamp = new Date(T0 + step * 30_000).toISOString();
  const base = { timestamp, context: 'Sample.Periodic' as const, location: 'Outlet' as const };
  return {
    stationId: `BENCH-${run}-${station}`,
    connectorId: 1,
    transactionId: String(station + 1),
    sampledValues: [
      {
        ...base,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
        value: 10_000 + step * 92,
      },
      { ...base, measurand: 'Power.Active.Import', unit: 'W', value: 11_000 },
      { ...base, measurand: 'Current.Import', unit: 'A', value: 16 },
      { ...base, measurand: 'SoC', unit: 'Percent', value: Math.min(100, 20 + step / 10) },
    ],
  };
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const database = `se_bench_${run}`;
  const admin = new Pool({ connectionString: infra.databaseUrl, max: 2 });
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  const group = `session-engine-bench-${run}`;
  const ports = await findFreePorts(REPLICAS);
  const envOf = (port: number) => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: 'session-ingest-bench-admin-key-0123456789',
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    ...profilingEnv(),
  });
  const env = envOf(ports[0]);
  const kafka = new KafkaPlatform(
    { brokers: infra.kafkaBrokers, clientId: `bench-${run}`, defaultPartitions: PARTITIONS },
    silentKafkaLogger,
  );
  const services: NodeProcess[] = [];
  const processed = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM session_engine.processed_events WHERE consumer_group = $1`,
          [group],
        )
      ).rows[0].n,
    );
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    const migrate = new NodeProcess(['apps', 'session-engine', 'src', 'migrate.js'], env).start();
    const migrated = await migrate.exit;
    if (migrated?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    await kafka.start([Topics.OcppTransactionStarted, Topics.OcppMeterValuesReceived]);
    const startServices = async () => {
      services.splice(0, services.length);
      for (const port of ports) {
        services.push(NodeProcess.service('session-engine', envOf(port)).start());
      }
      for (const port of ports) {
        await waitFor(
          () => httpStatus(port, '/health/ready'),
          (s) => s === 200,
          { timeoutMs: 60_000, what: 'session-engine ready' },
        );
      }
    };
    await startServices();

    log(`starting ${STATIONS} transactions`);
    const starts = Array.from({ length: STATIONS }, (_, i) =>
      toRecord(Topics.OcppTransactionStarted, {
        stationId: `BENCH-${run}-${i}`,
        connectorId: 1,
        idTag: `BENCH-TAG-${i}`,
        idTagStatus: 'Accepted',
        meterStartWh: 10_000,
        timestamp: new Date(T0).toISOString(),
        transactionId: String(i + 1),
      }),
    );
    for (let i = 0; i < starts.length; i += SEND_BATCH) {
      await kafka.producer.send(starts.slice(i, i + SEND_BATCH));
    }
    await waitFor(processed, (n) => n >= STATIONS, {
      timeoutMs: 120_000,
      intervalMs: 200,
      what: `${STATIONS} sessions started\n${services[0].tail()}`,
    });

    // The backlog is produced while session-engine is down, so the producer's speed does not
    // bound the measured rate; then session-engine starts and drains it.
    await Promise.all(services.map((p) => p.stop()));
    log(`producing ${EVENTS} MeterValues events`);
    const produceStarted = Date.now();
    const perStation = Math.ceil(EVENTS / STATIONS);
    let produced = 0;
    let expectedEnergyWh = 0;
    for (let step = 1; step <= perStation && produced < EVENTS; step++) {
      const batch: OutgoingRecord[] = [];
      for (let s = 0; s < STATIONS && produced < EVENTS; s++, produced++) {
        batch.push(toRecord(Topics.OcppMeterValuesReceived, meterValues(s, step, run)));
        expectedEnergyWh += 92; // each step adds 92 Wh to the register (see meterValues)
      }
      for (let i = 0; i < batch.length; i += SEND_BATCH) {
        await kafka.producer.send(batch.slice(i, i + SEND_BATCH));
      }
    }
    const producedIn = (Date.now() - produceStarted) / 1000;
    log(`produced in ${producedIn.toFixed(1)} s; starting session-engine to drain the backlog`);
    const loadBefore = loadavg();
    const drainStarted = Date.now();
    await startServices();
    await waitFor(processed, (n) => n >= STATIONS + EVENTS, {
      timeoutMs: 900_000,
      intervalMs: 250,
      what: `all meter values applied\n${services[0].tail()}`,
    });
    const wallSeconds = (Date.now() - drainStarted) / 1000;
    // Inbox timestamps (transaction start of each chunk) of the meter-value events alone.
    const { rows } = await db.query<{ first: Date; last: Date }>(
      `SELECT min(processed_at) AS first, max(processed_at) AS last FROM (
         SELECT processed_at FROM session_engine.processed_events WHERE consumer_group = $1
         ORDER BY processed_at OFFSET $2) AS mv`,
      [group, STATIONS],
    );
    const applySeconds = (rows[0].last.getTime() - rows[0].first.getTime()) / 1000;
    const sessions = await db.query<{ n: string; energy: string }>(
      `SELECT count(*) AS n, sum(energy_wh) AS energy FROM session_engine.charging_sessions`,
    );
    const samples = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM session_engine.meter_samples`,
    );
    const rate = EVENTS / Math.max(applySeconds, 0.001);
    const check = {
      sessions: Number(sessions.rows[0].n),
      meterSamplesStored: Number(samples.rows[0].n),
      energyWh: Number(sessions.rows[0].energy),
      expectedEnergyWh,
    };
    const result = {
      benchmark: 'session-ingest',
      description:
        'MeterValues events applied per second by session-engine (real process, PostgreSQL persistence, Kafka in and out)',
      events: EVENTS,
      stations: STATIONS,
      sampledValuesPerEvent: 4,
      partitions: PARTITIONS,
      replicas: REPLICAS,
      producedInSeconds: round(producedIn),
      applySeconds: round(applySeconds),
      eventsPerSecond: Math.round(rate),
      drainWallSeconds: round(wallSeconds),
      drainWallEventsPerSecond: Math.round(EVENTS / wallSeconds),
      targetEventsPerSecond: TARGET,
      meetsTarget: rate >= TARGET,
      // 1/5/15-minute load averages of the (shared) machine before and after the drain.
      loadAverage: { beforeDrain: loadBefore.map(round), afterDrain: loadavg().map(round) },
      check,
      // Nothing lost, nothing doubled: exactly this run's sessions, samples and energy. false on a
      // broker whose topics already held events (a fresh consumer group reads from the beginning):
      // run with your own throw-away infrastructure (KAFKA_BROKERS/DATABASE_URL unset).
      verified:
        check.sessions === STATIONS &&
        check.meterSamplesStored === EVENTS * 4 &&
        check.energyWh === expectedEnergyWh,
      infrastructure: infra.sources,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await Promise.all(services.map((p) => p.stop()));
    await kafka.disconnect().catch(() => undefined);
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await infra.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * BENCH_CPU_PROFILE_DIR=<dir> writes one `.cpuprofile` per session-engine process (see
 * cpu-profile.ts); BENCH_NODE_OPTIONS is passed through as NODE_OPTIONS (Node 20 does not allow
 * `--cpu-prof` there, hence the preload).
 */
function profilingEnv(): Record<string, string> {
  const options = [process.env.BENCH_NODE_OPTIONS ?? ''];
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  if (dir) options.push(`--require ${join(__dirname, 'cpu-profile.js')}`);
  const nodeOptions = options.join(' ').trim();
  return {
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...(dir ? { BENCH_CPU_PROFILE_DIR: resolve(dir) } : {}),
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
