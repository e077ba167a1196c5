import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionLocalPostgres } from '@voltlane/infra';
import {
  HttpPushTransport,
  OcpiPushQueue,
  OcpiPushWorker,
  ocpiPushTablesUpSql,
  type PushItem,
} from '@voltlane/ocpi-core';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';

/**
 * ocpi-push benchmark: OCPI PATCH pushes delivered per second from the push queue to one partner.
 * BENCH_ITEMS PATCHes spread over BENCH_OBJECTS objects (e.g. EVSE status changes) are enqueued in
 * transactions of BENCH_BATCH (what Kafka consumers do), then BENCH_REPLICAS workers (each its own
 * DataSource, as replicas would have) with BENCH_CONCURRENCY deliveries in flight each drain the
 * queue over real HTTP to a scripted receiver in this process that answers at once (HTTP 200,
 * OCPI 1000) and checks per-object order and duplicates. `pushesPerSecond` counts from the first
 * to the last push the receiver got; `attemptLatencyMs` is the HTTP request duration seen by the
 * worker. PostgreSQL: DATABASE_URL, else a throw-away local cluster. Prints one JSON document.
 * Options (env): BENCH_ITEMS (20000), BENCH_OBJECTS (500), BENCH_BATCH (100), BENCH_REPLICAS (2),
 * BENCH_CONCURRENCY (16).
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 500);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

interface Receiver {
  url: string;
  received: number;
  firstAt: number;
  lastAt: number;
  outOfOrder: number;
  duplicates: number;
  close(): Promise<void>;
}

/** The partner: accepts every PATCH, remembers the last seq per object. */
async function startReceiver(): Promise<Receiver> {
  const lastSeq = new Map<string, number>();
  const receiver = {
    url: '',
    received: 0,
    firstAt: 0,
    lastAt: 0,
    outOfOrder: 0,
    duplicates: 0,
    close: async () => undefined,
  } as Receiver;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      if (receiver.received === 0) receiver.firstAt = now;
      receiver.received += 1;
      receiver.lastAt = now;
      const { seq } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { seq: number };
      const path = req.url ?? '';
      const last = lastSeq.get(path) ?? -1;
      if (seq === last) receiver.duplicates += 1;
      else if (seq !== last + 1) receiver.outOfOrder += 1;
      lastSeq.set(path, Math.max(seq, last));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"status_code":1000,"timestamp":"${new Date(now).toISOString()}"}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

async function main(): Promise<void> {
  let stopPostgres = async (): Promise<void> => undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'voltlane-bench-ocpi-push-'));
    chmodSync(dir, 0o755); // the server's OS account must reach its data dir
    const pg = await provisionLocalPostgres({ dir, persistent: false, log });
    databaseUrl = pg.databaseUrl;
    stopPostgres = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const schema = `bench_ocpi_push_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const dataSources: DataSource[] = [];
  const newDataSource = async () => {
    const ds = createServiceDataSource({
      url: databaseUrl,
      schema,
      applicationName: 'bench-ocpi-push',
      poolSize: Math.max(4, CONCURRENCY),
    });
    await ds.initialize();
    dataSources.push(ds);
    return ds;
  };
  const receiver = await startReceiver();
  const workers: OcpiPushWorker[] = [];
  try {
    const admin = await newDataSource();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of ocpiPushTablesUpSql(schema)) await admin.query(sql);
    const queue = new OcpiPushQueue(schema);

    log(`enqueueing ${ITEMS} PATCHes over ${OBJECTS} objects in transactions of ${BATCH}`);
    const enqueueStarted = Date.now();
    for (let done = 0; done < ITEMS; done += BATCH) {
      const items: PushItem[] = [];
      for (let i = done; i < Math.min(ITEMS, done + BATCH); i++) {
        const object = i % OBJECTS;
        const seq = Math.floor(i / OBJECTS);
        items.push({
          partnerId: 'NL-BENCH',
          module: 'locations',
          objectKey: `NL/VLT/LOC${object}`,
          method: 'PATCH',
          path: `NL/VLT/LOC${object}/EVSE1`,
          body: {
            seq,
            status: seq % 2 ? 'CHARGING' : 'AVAILABLE',
            last_updated: new Date().toISOString(),
          },
        });
      }
      await admin.transaction((m) => queue.enqueue(m, items));
    }
    const enqueueSeconds = (Date.now() - enqueueStarted) / 1000;

    const latencies: number[] = [];
    const transport = new HttpPushTransport((item) => ({
      url: `${receiver.url}/ocpi/emsp/2.2.1/${item.module}/${item.path ?? ''}`,
    }));
    for (let r = 0; r < REPLICAS; r++) {
      const worker = new OcpiPushWorker(
        await newDataSource(),
        transport,
        {
          schema,
          databaseUrl,
          concurrency: CONCURRENCY,
          pollIntervalMs: 200,
          instanceId: `bench-${r}`,
        },
        undefined,
        { attempt: (_item, _verdict, seconds) => latencies.push(seconds * 1000) },
      );
      workers.push(worker);
    }
    log(`draining with ${REPLICAS} worker(s) × ${CONCURRENCY} in flight`);
    const drainStarted = Date.now();
    workers.forEach((w) => w.start());
    const deadline = Date.now() + 10 * 60_000;
    while (receiver.received < ITEMS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    await Promise.all(workers.map((w) => w.stop()));
    const [{ delivered }] = (await admin.query(
      `SELECT count(*)::int AS delivered FROM "${schema}"."ocpi_push_queue" WHERE "status" = 'delivered'`,
    )) as { delivered: number }[];
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      Number(
        (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(
          2,
        ),
      );
    const spanSeconds = Math.max(0.001, (receiver.lastAt - receiver.firstAt) / 1000);
    const result = {
      benchmark: 'ocpi-push',
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      items: ITEMS,
      objects: OBJECTS,
      replicas: REPLICAS,
      concurrencyPerReplica: CONCURRENCY,
      enqueuePerSecond: Math.round(ITEMS / enqueueSeconds),
      pushesPerSecond: Math.round(receiver.received / spanSeconds),
      drainWallPushesPerSecond: Math.round(receiver.received / drainSeconds),
      attemptLatencyMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1) },
      received: receiver.received,
      deliveredRows: delivered,
      duplicates: receiver.duplicates,
      outOfOrder: receiver.outOfOrder,
      perReplica: workers.map((w) => w.stats.delivered),
      ok:
        receiver.received === ITEMS &&
        delivered === ITEMS &&
        receiver.duplicates === 0 &&
        receiver.outOfOrder === 0,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await receiver.close();
    for (const ds of dataSources) {
      if (ds === dataSources[0])
        await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    }
    await Promise.all(dataSources.map((ds) => ds.destroy().catch(() => undefined)));
    await stopPostgres();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
