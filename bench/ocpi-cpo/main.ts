import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import {
  findRepoRoot,
  httpStatus,
  NodeProcess,
  ScriptedOcpiPeer,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-cpo benchmark, section 1: the OCPI Locations Sender GET list. One ocpi-cpo process (real
 * Kafka, real PostgreSQL) with BENCH_LOCATIONS locations seeded by SQL (one EVSE, one connector
 * each, all listed); an eMSP registered through the real credentials handshake pages through
 * `GET /ocpi/cpo/2.2.1/locations` following `Link` until the last page, BENCH_PASSES times with
 * BENCH_CRAWLERS crawls in parallel. Latency = one HTTP request (client side).
 * Section 2: push PATCH throughput to one partner — runs the push queue benchmark
 * (dist/bench/ocpi-push/main.js, BENCH_PUSH_ITEMS PATCHes) on the same PostgreSQL and embeds its
 * JSON; BENCH_PUSH=0 skips it. Prints one JSON document.
 * Options (env): BENCH_LOCATIONS (10000), BENCH_PASSES (3), BENCH_CRAWLERS (4), BENCH_PUSH (1),
 * BENCH_PUSH_ITEMS (20000).
 */
const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 10_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 3);
const CRAWLERS = Number(process.env.BENCH_CRAWLERS ?? 4);
const PUSH = process.env.BENCH_PUSH !== '0';
const PUSH_ITEMS = Number(process.env.BENCH_PUSH_ITEMS ?? 20_000);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return Math.round(v * 100) / 100;
}

function location(n: number, run: string, lastUpdated: string) {
  const id = `BENCH-${run}-${n}`;
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id,
    publish: true,
    name: `Bench location ${n}`,
    address: `Benchstraat ${n}`,
    city: 'Amsterdam',
    postal_code: '1011AA',
    country: 'NLD',
    coordinates: { latitude: '52.370000', longitude: '4.890000' },
    time_zone: 'Europe/Amsterdam',
    evses: [
      {
        uid: `${id}-E1`,
        status: 'AVAILABLE',
        capabilities: ['REMOTE_START_STOP_CAPABLE', 'RFID_READER'],
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2',
            format: 'SOCKET',
            power_type: 'AC_3_PHASE',
            max_voltage: 230,
            max_amperage: 32,
            last_updated: lastUpdated,
          },
        ],
        last_updated: lastUpdated,
      },
    ],
    last_updated: lastUpdated,
  };
}

/** Seeds the locations table directly (same rows the admin API writes), 1000 per statement. */
async function seed(db: Pool, run: string): Promise<void> {
  const base = Date.now() - LOCATIONS * 1000;
  for (let from = 0; from < LOCATIONS; from += 1000) {
    const batch = [];
    for (let n = from; n < Math.min(LOCATIONS, from + 1000); n++) {
      batch.push(location(n, run, new Date(base + n * 1000).toISOString()));
    }
    await db.query(
      `INSERT INTO ocpi_cpo.locations
         (location_key, location_id, country_code, party_id, publish, visible, listed,
          last_updated, location)
       SELECT upper(l->>'id'), l->>'id', 'NL', 'VLT', true, true, true,
              (l->>'last_updated')::timestamptz, l
         FROM jsonb_array_elements($1::jsonb) AS l`,
      [JSON.stringify(batch)],
    );
  }
}

/** Runs bench/ocpi-push on the same PostgreSQL and returns its JSON (or the reason it did not). */
async function pushSection(databaseUrl: string): Promise<unknown> {
  const script = join(findRepoRoot(), 'dist', 'bench', 'ocpi-push', 'main.js');
  if (!existsSync(script)) return { skipped: `${script} not built` };
  log(`push section: ${PUSH_ITEMS} PATCHes through the push queue to one partner`);
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_ITEMS: String(PUSH_ITEMS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    return { exit_code: code, ...(JSON.parse(out) as Record<string, unknown>) };
  } catch {
    return { exit_code: code, error: 'no JSON from bench/ocpi-push', output: out.slice(0, 500) };
  }
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const database = `ocpi_cpo_bench_${run}`;
  const admin = new Pool({ connectionString: infra.databaseUrl, max: 2 });
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  // idle clients see PostgreSQL's shutdown at teardown: not an error of the benchmark
  for (const pool of [admin, db]) pool.on('error', () => undefined);
  const [port] = await findFreePorts(1);
  const adminKey = 'ocpi-cpo-bench-admin-key-0123456789';
  const base = `http://127.0.0.1:${port}`;
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: adminKey,
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    OCPI_PUBLIC_URL: base,
    KAFKA_CONSUMER_GROUP: `ocpi-cpo-bench-${run}`,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  let service: NodeProcess | undefined;
  const peer = new ScriptedOcpiPeer({ countryCode: 'DE', partyId: 'BEN', role: 'EMSP' });
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    const migrate = new NodeProcess(['apps', 'ocpi-cpo', 'src', 'migrate.js'], env).start();
    const migrated = await migrate.exit;
    if (migrated?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    log(`seeding ${LOCATIONS} locations`);
    await seed(db, run);
    service = NodeProcess.service('ocpi-cpo', env).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (s) => s === 200,
      { timeoutMs: 60_000, what: 'ocpi-cpo ready' },
    );

    await peer.start();
    const created = await fetch(`${base}/admin/v1/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bench eMSP',
        roles: [{ country_code: 'DE', party_id: 'BEN', role: 'EMSP' }],
      }),
    });
    const partner = (await created.json()) as { token: string };
    const registered = await peer.registerWith(`${base}/ocpi/cpo/versions`, partner.token);
    if (registered.answer.body?.status_code !== 1000) throw new Error('registration failed');
    const authorization = peer.authorization(peer.clientToken as string);

    const latencies: number[] = [];
    let pageSize = 0;
    let seen = 0;
    const crawl = async () => {
      let next: string | undefined = `${base}/ocpi/cpo/2.2.1/locations`;
      let count = 0;
      while (next) {
        const started = performance.now();
        const res = await fetch(next, { headers: { authorization } });
        const body = (await res.json()) as { data: unknown[] };
        latencies.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`GET ${next} → ${res.status}`);
        pageSize = Number(res.headers.get('x-limit'));
        count += body.data.length;
        next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      }
      seen = count;
    };
    await crawl(); // warm-up pass, not measured
    latencies.length = 0;
    log(`crawling ${PASSES} × ${CRAWLERS} times`);
    const started = performance.now();
    for (let pass = 0; pass < PASSES; pass++) {
      await Promise.all(Array.from({ length: CRAWLERS }, () => crawl()));
    }
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const result: Record<string, unknown> = {
      locations: seen,
      page_size: pageSize,
      crawls: PASSES * CRAWLERS,
      parallel_crawlers: CRAWLERS,
      requests: latencies.length,
      requests_per_s: Math.round((latencies.length / seconds) * 10) / 10,
      locations_per_s: Math.round((seen * PASSES * CRAWLERS) / seconds),
      p50_ms: percentile(sorted, 0.5),
      p99_ms: percentile(sorted, 0.99),
      max_ms: percentile(sorted, 1),
    };
    if (seen !== LOCATIONS) throw new Error(`crawl saw ${seen} of ${LOCATIONS} locations`);
    if (PUSH) result.push_patch_throughput = await pushSection(infra.databaseUrl);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await service?.stop();
    await peer.stop().catch(() => undefined);
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
