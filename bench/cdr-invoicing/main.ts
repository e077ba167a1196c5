import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import {
  createEnvelope,
  type EmspCdrReceivedV1,
  keyOf,
  toHeaders,
  Topics,
} from '@voltlane/contracts-events';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import { KafkaPlatform, type OutgoingRecord, silentKafkaLogger } from '@voltlane/platform-kafka';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';

/**
 * cdr-invoicing benchmark: CDRs received by our eMSP (`emsp.cdr.received.v1`) turned into driver
 * invoices per second by cdr-billing (real processes from dist/, PostgreSQL, Kafka in and out).
 * BENCH_CDRS CDR events (plus BENCH_DUPLICATE_PERCENT re-sent copies with new event ids, which must
 * not produce invoices) are produced as a backlog while cdr-billing is down; then BENCH_REPLICAS
 * processes (one consumer group) drain it. Each invoice takes the next number of its eMSP party's
 * gap-free series under a row lock, so one party's invoices are issued one transaction at a time;
 * BENCH_EMSP_PARTIES spreads the CDRs over several parties. `cdrsPerSecond` counts invoices issued
 * per second from the first to the last (issued_at); `drainWallCdrsPerSecond` also counts process
 * start-up and the consumer group join. Prints one JSON document. Options (env): BENCH_CDRS
 * (5000), BENCH_DUPLICATE_PERCENT (10), BENCH_EMSP_PARTIES (1), BENCH_PARTITIONS (6),
 * BENCH_REPLICAS (2).
 */
const CDRS = Number(process.env.BENCH_CDRS ?? 5_000);
const DUPLICATE_PERCENT = Number(process.env.BENCH_DUPLICATE_PERCENT ?? 10);
const PARTIES = Number(process.env.BENCH_EMSP_PARTIES ?? 1);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 2);
const SEND_BATCH = 1_000;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const round = (n: number) => Math.round(n * 100) / 100;
const partyOf = (i: number) =>
  `B${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

function cdrReceived(run: string, i: number): EmspCdrReceivedV1 {
  const cdrId = `BENCH-${run}-${i}`;
  const start = new Date(Date.parse('2026-11-20T08:00:00Z') + i * 60_000);
  const end = new Date(start.getTime() + 5_400_000);
  const kwh = 10 + (i % 40);
  const energy = Math.round(kwh * 0.35 * 1e4) / 1e4;
  const excl = Math.round((energy + 0.5 + 1.2) * 1e4) / 1e4;
  const price = (x: number) => ({ excl_vat: x, incl_vat: Math.round(x * 1.21 * 1e4) / 1e4 });
  const party = partyOf(i % PARTIES);
  const cdr = {
    country_code: 'DE',
    party_id: 'CPO',
    id: cdrId,
    start_date_time: start.toISOString(),
    end_date_time: end.toISOString(),
    cdr_token: {
      country_code: 'NL',
      party_id: party,
      uid: `TOK-${i % 500}`,
      type: 'RFID',
      contract_id: `NL-${party}-C${i % 500}`,
    },
    auth_method: 'WHITELIST',
    cdr_location: { id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1' },
    currency: 'EUR',
    charging_periods: [],
    total_cost: price(excl),
    total_fixed_cost: price(0.5),
    total_energy: kwh,
    total_energy_cost: price(energy),
    total_time: 1.5,
    total_time_cost: price(1.2),
    last_updated: end.toISOString(),
  };
  return {
    cdrId,
    countryCode: 'DE',
    partyId: 'CPO',
    tokenUid: cdr.cdr_token.uid,
    driverId: `DRV-${i % 500}`,
    currency: 'EUR',
    totalCost: { exclVat: cdr.total_cost.excl_vat, inclVat: cdr.total_cost.incl_vat },
    totalEnergyKwh: kwh,
    startDateTime: cdr.start_date_time,
    endDateTime: cdr.end_date_time,
    credit: false,
    receivedAt: new Date().toISOString(),
    cdr: cdr as unknown as Record<string, unknown>,
  };
}

function toRecord(data: EmspCdrReceivedV1): OutgoingRecord {
  const envelope = createEnvelope(Topics.EmspCdrReceived, data, {
    producer: 'ocpi-emsp',
    correlationId: randomUUID(),
    causationId: null,
  });
  return {
    topic: Topics.EmspCdrReceived,
    key: keyOf(Topics.EmspCdrReceived, data),
    value: JSON.stringify(envelope),
    headers: toHeaders(envelope),
  };
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const database = `invoicing_bench_${run}`;
  const admin = new Pool({ connectionString: infra.databaseUrl, max: 2 });
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${database}`;
  const db = new Pool({ connectionString: url.toString(), max: 2 });
  const group = `cdr-billing-bench-${run}`;
  const ports = await findFreePorts(REPLICAS);
  const envOf = (port: number) => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: url.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: 'cdr-invoicing-bench-admin-key-0123456789',
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
  });
  const kafka = new KafkaPlatform(
    { brokers: infra.kafkaBrokers, clientId: `bench-${run}`, defaultPartitions: PARTITIONS },
    silentKafkaLogger,
  );
  const services: NodeProcess[] = [];
  const invoices = async () =>
    Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM cdr_billing.invoices`)).rows[0].n,
    );
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    const migrate = new NodeProcess(['apps', 'cdr-billing', 'src', 'migrate.js'], envOf(ports[0]));
    const migrated = await migrate.start().exit;
    if (migrated?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    await kafka.start([Topics.EmspCdrReceived, Topics.InvoiceIssued]);

    // The backlog is produced while cdr-billing is down, so the producer does not bound the rate.
    // every n-th CDR is re-sent at the end (new event id, as when a CPO POSTs it twice)
    const every = DUPLICATE_PERCENT > 0 ? Math.max(1, Math.round(100 / DUPLICATE_PERCENT)) : 0;
    const records: OutgoingRecord[] = [];
    const resent: OutgoingRecord[] = [];
    for (let i = 0; i < CDRS; i++) {
      records.push(toRecord(cdrReceived(run, i)));
      if (every > 0 && i % every === 0) resent.push(toRecord(cdrReceived(run, i)));
    }
    records.push(...resent);
    log(`producing ${CDRS} CDR events and ${resent.length} re-sent copies`);
    const produceStarted = Date.now();
    for (let i = 0; i < records.length; i += SEND_BATCH) {
      await kafka.producer.send(records.slice(i, i + SEND_BATCH));
    }
    const producedIn = (Date.now() - produceStarted) / 1000;
    log(`produced ${records.length} events in ${producedIn.toFixed(1)} s; starting cdr-billing`);

    const loadBefore = loadavg();
    const drainStarted = Date.now();
    for (const port of ports)
      services.push(NodeProcess.service('cdr-billing', envOf(port)).start());
    for (const port of ports) {
      await waitFor(
        () => httpStatus(port, '/health/ready'),
        (s) => s === 200,
        { timeoutMs: 60_000, what: 'cdr-billing ready' },
      );
    }
    await waitFor(invoices, (n) => n >= CDRS, {
      timeoutMs: 900_000,
      intervalMs: 250,
      what: `all CDRs invoiced\n${services[0].tail()}`,
    });
    const wallSeconds = (Date.now() - drainStarted) / 1000;
    // let re-sent copies still in flight be consumed before counting
    await new Promise((r) => setTimeout(r, 2_000));
    const { rows } = await db.query<{ first: Date; last: Date }>(
      `SELECT min(issued_at) AS first, max(issued_at) AS last FROM cdr_billing.invoices`,
    );
    const issueSeconds = (rows[0].last.getTime() - rows[0].first.getTime()) / 1000;
    const series = await db.query<{ n: string; max: number; distinct_numbers: string }>(
      `SELECT count(*) AS n, max(sequence) AS max, count(DISTINCT invoice_number) AS distinct_numbers
       FROM cdr_billing.invoices GROUP BY emsp_country_code, emsp_party_id, year`,
    );
    const issued = await invoices();
    const distinctCdrs = Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(DISTINCT (cpo_country_code, cpo_party_id, cdr_id)) AS n FROM cdr_billing.invoices`,
        )
      ).rows[0].n,
    );
    const gapFree = series.rows.every(
      (r) => Number(r.n) === r.max && Number(r.distinct_numbers) === r.max,
    );
    const rate = CDRS / Math.max(issueSeconds, 0.001);
    const result = {
      benchmark: 'cdr-invoicing',
      description:
        'emsp.cdr.received events turned into driver invoices per second by cdr-billing (real processes, PostgreSQL, Kafka in and out)',
      cdrs: CDRS,
      resentCopies: records.length - CDRS,
      emspParties: PARTIES,
      partitions: PARTITIONS,
      replicas: REPLICAS,
      producedInSeconds: round(producedIn),
      issueSeconds: round(issueSeconds),
      cdrsPerSecond: Math.round(rate),
      drainWallSeconds: round(wallSeconds),
      drainWallCdrsPerSecond: Math.round(CDRS / wallSeconds),
      loadAverage: { beforeDrain: loadBefore.map(round), afterDrain: loadavg().map(round) },
      check: { invoices: issued, distinctCdrs, numberSeries: series.rowCount, gapFree },
      // exactly one invoice per CDR, every party's numbers 1..n: false on a broker whose topic
      // already held CDR events (run with throw-away infrastructure: KAFKA_BROKERS unset)
      verified: issued === CDRS && distinctCdrs === CDRS && gapFree,
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

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
