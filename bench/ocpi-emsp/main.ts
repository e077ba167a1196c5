import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import { httpStatus, NodeProcess, ScriptedOcpiPeer, waitFor } from '@voltlane/testing';

/**
 * ocpi-emsp benchmark (ADR 0072). Section 1: driver API locations search. One ocpi-emsp process
 * (real Kafka, real PostgreSQL) with BENCH_LOCATIONS received locations × BENCH_EVSES EVSEs
 * (default 10,000 × 5 = 50,000 EVSEs; mixed AC/DC, random statuses) seeded by SQL over a
 * 60 km × 60 km area; BENCH_SEARCHES `GET /api/v1/locations` at random centres in the area
 * (radius BENCH_RADIUS_M, limit 20), BENCH_CONCURRENCY in flight, once without filters and once
 * with `min_power_kw=50&available_now=true`. Latency = one HTTP request (client side).
 * Section 2: CDR ingest to invoice. A cdr-billing process joins; a scripted CPO registered through
 * the real credentials handshake POSTs BENCH_CDRS CDRs (BENCH_CONCURRENCY in flight) to the eMSP's
 * CDRs Receiver; measured: POSTs/s at the receiver, and CDRs/s to invoice = from the first POST
 * until every invoice is back in ocpi-emsp's driver invoice projection (POST /cdrs →
 * emsp.cdr.received.v1 → cdr-billing invoice → billing.invoice.issued.v1 → projection).
 * BENCH_CDRS=0 skips it. Prints one JSON document.
 */
const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 10_000);
const EVSES = Number(process.env.BENCH_EVSES ?? 5);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);
const RADIUS_M = Number(process.env.BENCH_RADIUS_M ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CDRS = Number(process.env.BENCH_CDRS ?? 1_000);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const CENTRE = { lat: 52.09, lon: 5.11 };
const HALF_SIDE_DEG = { lat: 0.27, lon: 0.44 }; // ≈ 30 km each way at 52° N

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const v = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return Math.round(v * 100) / 100;
}

const STATUSES = ['AVAILABLE', 'AVAILABLE', 'CHARGING', 'CHARGING', 'OUTOFORDER', 'BLOCKED'];

function location(n: number, run: string) {
  const id = `BL-${run}-${n}`;
  const lat = CENTRE.lat + (Math.random() * 2 - 1) * HALF_SIDE_DEG.lat;
  const lon = CENTRE.lon + (Math.random() * 2 - 1) * HALF_SIDE_DEG.lon;
  const ts = new Date().toISOString();
  return {
    country_code: 'NL',
    party_id: 'BEN',
    id,
    publish: true,
    name: `Bench site ${n}`,
    address: `Benchstraat ${n}`,
    city: 'Utrecht',
    postal_code: '3511AA',
    country: 'NLD',
    coordinates: { latitude: lat.toFixed(6), longitude: lon.toFixed(6) },
    time_zone: 'Europe/Amsterdam',
    evses: Array.from({ length: EVSES }, (_, e) => {
      const dc = (n + e) % 4 === 0;
      return {
        uid: `${id}-E${e + 1}`,
        evse_id: `NL*BEN*E${n}*${e + 1}`,
        status: STATUSES[Math.floor(Math.random() * STATUSES.length)],
        connectors: [
          dc
            ? {
                id: '1',
                standard: 'IEC_62196_T2_COMBO',
                format: 'CABLE',
                power_type: 'DC',
                max_voltage: 920,
                max_amperage: 500,
                max_electric_power: 150_000,
                last_updated: ts,
              }
            : {
                id: '1',
                standard: 'IEC_62196_T2',
                format: 'SOCKET',
                power_type: 'AC_3_PHASE',
                max_voltage: 230,
                max_amperage: 32,
                last_updated: ts,
              },
        ],
        last_updated: ts,
      };
    }),
    last_updated: ts,
  };
}

async function seed(db: Pool, run: string): Promise<void> {
  const BATCH = 1_000;
  for (let from = 0; from < LOCATIONS; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, LOCATIONS - from) }, (_, i) =>
      location(from + i, run),
    );
    await db.query(
      `INSERT INTO "ocpi_emsp"."received_locations"
         (partner_id, country_code, party_id, object_key, object_id, last_updated, object)
       SELECT 'bench-cpo', 'NL', 'BEN', upper(o->>'id'), o->>'id', now(), o
         FROM jsonb_array_elements($1::jsonb) AS o`,
      [JSON.stringify(batch)],
    );
  }
  await db.query(`ANALYZE "ocpi_emsp"."received_locations"`);
}

async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function searchSection(base: string, key: string, filters: string) {
  const latencies: number[] = [];
  let hits = 0;
  const once = async () => {
    const lat = CENTRE.lat + (Math.random() * 2 - 1) * HALF_SIDE_DEG.lat;
    const lon = CENTRE.lon + (Math.random() * 2 - 1) * HALF_SIDE_DEG.lon;
    const url = `${base}/api/v1/locations?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&radius_m=${RADIUS_M}&limit=20${filters}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { items: unknown[] };
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
    hits += body.items.length;
  };
  await pool(Math.min(100, SEARCHES), CONCURRENCY, once); // warm-up, not measured
  latencies.length = 0;
  hits = 0;
  const started = performance.now();
  await pool(SEARCHES, CONCURRENCY, once);
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    filters: filters || '(none)',
    searches: SEARCHES,
    concurrency: CONCURRENCY,
    searches_per_s: Math.round((SEARCHES / seconds) * 10) / 10,
    avg_results: Math.round((hits / SEARCHES) * 10) / 10,
    p50_ms: percentile(sorted, 0.5),
    p99_ms: percentile(sorted, 0.99),
    max_ms: percentile(sorted, 1),
  };
}

function cdr(run: string, n: number, tokenUid: string, contractId: string) {
  const start = new Date(Date.UTC(2026, 10, 1, 8, 0) + n * 60_000);
  const end = new Date(start.getTime() + 3_600_000);
  return {
    country_code: 'NL',
    party_id: 'BEN',
    id: `BCDR-${run}-${n}`,
    start_date_time: start.toISOString(),
    end_date_time: end.toISOString(),
    cdr_token: {
      country_code: 'NL',
      party_id: 'VLE',
      uid: tokenUid,
      type: 'RFID',
      contract_id: contractId,
    },
    auth_method: 'WHITELIST',
    cdr_location: {
      id: `BL-${run}-1`,
      address: 'Benchstraat 1',
      city: 'Utrecht',
      country: 'NLD',
      coordinates: { latitude: '52.090000', longitude: '5.110000' },
      evse_uid: `BL-${run}-1-E1`,
      evse_id: 'NL*BEN*E1*1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    currency: 'EUR',
    charging_periods: [
      { start_date_time: start.toISOString(), dimensions: [{ type: 'ENERGY', volume: 12.5 }] },
    ],
    total_cost: { excl_vat: 4.38, incl_vat: 5.3 },
    total_energy: 12.5,
    total_time: 1,
    last_updated: end.toISOString(),
  };
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const admin = new Pool({ connectionString: infra.databaseUrl, max: 2 });
  const dbUrl = (name: string) => {
    const url = new URL(infra.databaseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const emspDb = `ocpi_emsp_bench_${run}`;
  const billingDb = `cdr_billing_bench_${run}`;
  const db = new Pool({ connectionString: dbUrl(emspDb), max: 2 });
  for (const p of [admin, db]) p.on('error', () => undefined);
  const [emspPort, billingPort] = await findFreePorts(2);
  const adminKey = 'ocpi-emsp-bench-admin-key-0123456789';
  const driverKey = 'ocpi-emsp-bench-driver-key-0123456789';
  const base = `http://127.0.0.1:${emspPort}`;
  const common = {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: adminKey,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  const emspEnv = {
    ...common,
    DATABASE_URL: dbUrl(emspDb),
    PORT: String(emspPort),
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLE',
    OCPI_PUBLIC_URL: base,
    DRIVER_API_KEY: driverKey,
    KAFKA_CONSUMER_GROUP: `ocpi-emsp-bench-${run}`,
  };
  const billingEnv = {
    ...common,
    DATABASE_URL: dbUrl(billingDb),
    PORT: String(billingPort),
    KAFKA_CONSUMER_GROUP: `cdr-billing-bench-${run}`,
  };
  const services: NodeProcess[] = [];
  const peer = new ScriptedOcpiPeer({ countryCode: 'NL', partyId: 'BEN', role: 'CPO' });
  const startService = async (app: string, env: Record<string, string>, port: number) => {
    const migrate = new NodeProcess(['apps', app, 'src', 'migrate.js'], env).start();
    const migrated = await migrate.exit;
    if (migrated?.code !== 0) throw new Error(`${app} migrate failed:\n${migrate.tail()}`);
    return port;
  };
  const ready = async (app: string, env: Record<string, string>, port: number) => {
    const service = NodeProcess.service(app, env).start();
    services.push(service);
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (s) => s === 200,
      { timeoutMs: 90_000, what: `${app} ready\n${service.tail()}` },
    );
  };
  try {
    await admin.query(`CREATE DATABASE "${emspDb}"`);
    await startService('ocpi-emsp', emspEnv, emspPort);
    log(`seeding ${LOCATIONS} locations × ${EVSES} EVSEs`);
    await seed(db, run);
    await ready('ocpi-emsp', emspEnv, emspPort);
    const plan = (await db.query(
      `EXPLAIN SELECT partner_id, object FROM "ocpi_emsp"."received_locations"
        WHERE deleted_at IS NULL
          AND point("ocpi_emsp"."geo_num"(object->'coordinates'->>'longitude'),
                    "ocpi_emsp"."geo_num"(object->'coordinates'->>'latitude'))
              <@ box(point(5.0, 52.0), point(5.1, 52.05))`,
    )) as { rows: { 'QUERY PLAN': string }[] };
    const usesIndex = plan.rows.some((r) => r['QUERY PLAN'].includes('received_locations_geo_ix'));

    log(`searching ${SEARCHES} times (radius ${RADIUS_M} m)`);
    const plain = await searchSection(base, driverKey, '');
    const filtered = await searchSection(base, driverKey, '&min_power_kw=50&available_now=true');
    const result: Record<string, unknown> = {
      locations_search: {
        received_locations: LOCATIONS,
        received_evses: LOCATIONS * EVSES,
        area_km: '60 x 60',
        radius_m: RADIUS_M,
        geo_index_used: usesIndex,
        unfiltered: plain,
        dc_available_now: filtered,
      },
    };

    if (CDRS > 0) {
      await admin.query(`CREATE DATABASE "${billingDb}"`);
      await startService('cdr-billing', billingEnv, billingPort);
      await ready('cdr-billing', billingEnv, billingPort);
      await peer.start();
      const created = await fetch(`${base}/admin/v1/partners`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'bench CPO',
          roles: [{ country_code: 'NL', party_id: 'BEN', role: 'CPO' }],
        }),
      });
      const partner = (await created.json()) as { token: string; versions_url: string };
      const registered = await peer.registerWith(partner.versions_url, partner.token);
      if (registered.answer.body?.status_code !== 1000) throw new Error('registration failed');
      const authorization = peer.authorization(peer.clientToken as string);
      const driverApi = async (path: string, body: unknown) => {
        const res = await fetch(`${base}/api/v1${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${driverKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await res.json()) as Record<string, string>;
      };
      const driver = await driverApi('/drivers', { name: 'Bench Driver' });
      const token = await driverApi(`/drivers/${driver.id}/tokens`, {
        type: 'RFID',
        uid: `BENCH${run}`.toUpperCase(),
      });

      log(`posting ${CDRS} CDRs`);
      const postLatencies: number[] = [];
      const started = performance.now();
      await pool(CDRS, Math.max(CONCURRENCY, 16), async (n) => {
        const t0 = performance.now();
        const res = await fetch(`${base}/ocpi/emsp/2.2.1/cdrs`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(cdr(run, n, token.uid, token.contract_id)),
        });
        await res.text();
        postLatencies.push(performance.now() - t0);
        if (res.status !== 201) throw new Error(`POST cdrs → ${res.status}`);
      });
      const postedSeconds = (performance.now() - started) / 1000;
      const invoiced = await waitFor(
        async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM "ocpi_emsp"."driver_invoices" WHERE driver_id = $1
                  OR token_uid_key = $2`,
              [driver.id, token.uid.toUpperCase()],
            )
          ).rows[0].n,
        (n) => n >= CDRS,
        { timeoutMs: 600_000, intervalMs: 100, what: `${CDRS} invoices in the projection` },
      );
      const invoicedSeconds = (performance.now() - started) / 1000;
      const sorted = [...postLatencies].sort((a, b) => a - b);
      result.cdr_ingest = {
        cdrs: CDRS,
        concurrency: Math.max(CONCURRENCY, 16),
        receiver_posts_per_s: Math.round((CDRS / postedSeconds) * 10) / 10,
        post_p50_ms: percentile(sorted, 0.5),
        post_p99_ms: percentile(sorted, 0.99),
        invoices: invoiced,
        cdrs_to_invoice_per_s: Math.round((CDRS / invoicedSeconds) * 10) / 10,
        last_invoice_after_s: Math.round(invoicedSeconds * 10) / 10,
      };
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const s of services) await s.stop();
    await peer.stop().catch(() => undefined);
    await db.end();
    for (const name of [emspDb, billingDb]) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
