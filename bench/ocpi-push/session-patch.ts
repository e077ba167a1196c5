import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Pool } from 'pg';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  Topics,
  type TopicName,
} from '@voltlane/contracts-events';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { httpStatus, NodeProcess, ScriptedOcpiPeer, waitFor } from '@voltlane/testing';

/**
 * Session PATCH push throughput to one partner, end to end through ocpi-cpo (ADR 0065): an
 * ocpi-cpo process (real Kafka, real PostgreSQL) and one eMSP registered through the real
 * credentials handshake (a scripted peer on node:http answering at once). BENCH_SESSIONS sessions
 * are started (`session.charging-session.started`, one PUT each), then BENCH_UPDATES
 * `session.charging-session.updated` events per session (kwh grows) are published as fast as the
 * producer goes; each becomes a PATCH `{kwh, last_updated}` at the peer. `patchesPerSecond` counts
 * from the first to the last PATCH the peer got; `endToEndPerSecond` from the first publish to the
 * last PATCH. The peer checks per-session order (kwh never decreases) and duplicates.
 * Options (env): BENCH_SESSIONS (200), BENCH_UPDATES (50), BENCH_SERVICE_NODE_OPTIONS (NODE_OPTIONS
 * of the ocpi-cpo process). Infrastructure: KAFKA_BROKERS +
 * DATABASE_URL, else throw-away local ones. Prints one JSON document.
 */
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 200);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 50);
const PARTY = 'BSP';

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const ocpiTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function session(id: string, t0: number, second: number, kwh: number) {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id,
    start_date_time: ocpiTime(t0),
    kwh,
    cdr_token: {
      country_code: 'DE',
      party_id: PARTY,
      uid: 'BENCH-TOKEN',
      type: 'RFID',
      contract_id: 'DE-BSP-C1',
    },
    auth_method: 'AUTH_REQUEST',
    location_id: 'BENCH-LOC',
    evse_uid: 'BENCH-EVSE',
    connector_id: '1',
    currency: 'EUR',
    charging_periods: [],
    status: 'ACTIVE',
    last_updated: ocpiTime(t0 + second * 1000),
  };
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const run = randomUUID().slice(0, 8);
  const database = `ocpi_cpo_session_bench_${run}`;
  const admin = new Pool({ connectionString: infra.databaseUrl, max: 1 });
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${database}`;
  const [port] = await findFreePorts(1);
  const adminKey = 'ocpi-cpo-session-bench-admin-key-0123';
  const base = `http://127.0.0.1:${port}`;
  const env = {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: url.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY: adminKey,
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    OCPI_PUBLIC_URL: base,
    KAFKA_CONSUMER_GROUP: `ocpi-cpo-session-bench-${run}`,
    KAFKA_TOPIC_PARTITIONS: '3',
    // e.g. `--require <profiler preload>` to see where the time goes in ocpi-cpo
    ...(process.env.BENCH_SERVICE_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS }
      : {}),
  };
  const kafka = new KafkaPlatform(
    { brokers: infra.kafkaBrokers, clientId: `ocpi-session-bench-${run}`, defaultPartitions: 3 },
    silentKafkaLogger,
  );
  let service: NodeProcess | undefined;

  // The eMSP: counts PUTs/PATCHes, checks that kwh never goes back per session.
  const peer = new ScriptedOcpiPeer({ countryCode: 'DE', partyId: PARTY, role: 'EMSP' });
  peer.endpoints.push({ identifier: 'sessions', role: 'RECEIVER', path: 'sessions' });
  const stats = { puts: 0, patches: 0, firstPatchAt: 0, lastPatchAt: 0, outOfOrder: 0, dup: 0 };
  const lastKwh = new Map<string, number>();
  peer.handlers.push((req) => {
    if (!req.path.startsWith('/ocpi/2.2.1/sessions/')) return undefined;
    const now = performance.now();
    const body = req.body as { kwh?: number };
    if (req.method === 'PUT') stats.puts += 1;
    if (req.method === 'PATCH') {
      stats.patches += 1;
      if (stats.firstPatchAt === 0) stats.firstPatchAt = now;
      stats.lastPatchAt = now;
    }
    if (typeof body?.kwh === 'number') {
      const last = lastKwh.get(req.path) ?? -1;
      if (body.kwh === last) stats.dup += 1;
      else if (body.kwh < last) stats.outOfOrder += 1;
      lastKwh.set(req.path, Math.max(last, body.kwh));
    }
    // keep memory flat: the peer's request log is not needed here
    peer.requests.length = 0;
    return { status: 200, body: { status_code: 1000, timestamp: new Date().toISOString() } };
  });

  const record = (topic: TopicName, data: unknown) => {
    const envelope = createEnvelope(topic, data as never, {
      producer: 'session-engine',
      correlationId: `bench-${run}`,
      causationId: null,
    });
    return {
      topic,
      key: keyOf(topic, data as never),
      value: JSON.stringify(envelope),
      headers: toHeaders(envelope),
    };
  };
  const identity = (id: string, revision: number) => ({
    sessionId: id,
    countryCode: 'NL',
    partyId: 'VLT',
    revision,
    stationId: 'CP-BENCH',
    transactionId: '1',
  });

  try {
    await kafka.start([Topics.SessionStarted, Topics.SessionUpdated]);
    await admin.query(`CREATE DATABASE "${database}"`);
    const migrate = new NodeProcess(['apps', 'ocpi-cpo', 'src', 'migrate.js'], env).start();
    if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
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
        roles: [{ country_code: 'DE', party_id: PARTY, role: 'EMSP' }],
      }),
    });
    const partner = (await created.json()) as { token: string };
    const registered = await peer.registerWith(`${base}/ocpi/cpo/versions`, partner.token);
    if (registered.answer.body?.status_code !== 1000) throw new Error('registration failed');

    const t0 = Math.floor(Date.now() / 1000) * 1000 - 86_400_000;
    const ids = Array.from({ length: SESSIONS }, () => randomUUID());
    log(`starting ${SESSIONS} sessions`);
    await kafka.producer.send(
      ids.map((id) =>
        record(Topics.SessionStarted, {
          ...identity(id, 1),
          connectorId: 1,
          tokenUid: 'BENCH-TOKEN',
          tokenType: 'RFID',
          emspCountryCode: 'DE',
          emspPartyId: PARTY,
          authMethod: 'AUTH_REQUEST',
          meterStartWh: 0,
          startedAt: new Date(t0).toISOString(),
          session: session(id, t0, 0, 0),
        }),
      ),
    );
    await waitFor(
      async () => stats.puts,
      (n) => n >= SESSIONS,
      { timeoutMs: 120_000, what: `${SESSIONS} PUTs` },
    );

    const total = SESSIONS * UPDATES;
    log(`publishing ${total} session updates (${UPDATES} per session)`);
    const publishStarted = performance.now();
    for (let u = 1; u <= UPDATES; u++) {
      await kafka.producer.send(
        ids.map((id) =>
          record(Topics.SessionUpdated, {
            ...identity(id, u + 1),
            status: 'ACTIVE',
            energyWh: u * 100,
            lastMeterReadingAt: new Date(t0 + u * 1000).toISOString(),
            session: session(id, t0, u, u / 10),
          }),
        ),
      );
    }
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    await waitFor(
      async () => stats.patches,
      (n) => n >= total,
      { timeoutMs: 15 * 60_000, intervalMs: 200, what: `${total} PATCHes` },
    );
    const endToEndSeconds = (stats.lastPatchAt - publishStarted) / 1000;
    // where the time goes: consuming + enqueueing (queue rows created) vs delivering them
    const db = new Pool({ connectionString: url.toString(), max: 1 });
    const [spans] = (
      await db.query(
        `SELECT extract(epoch FROM max(created_at) - min(created_at))::float AS enqueue_s,
                extract(epoch FROM max(finished_at) - min(created_at))::float AS deliver_s
           FROM ocpi_cpo.ocpi_push_queue WHERE method = 'PATCH'`,
      )
    ).rows as { enqueue_s: number; deliver_s: number }[];
    await db.end();
    const patchSeconds = Math.max(0.001, (stats.lastPatchAt - stats.firstPatchAt) / 1000);
    const result = {
      benchmark: 'ocpi-cpo-session-patch-push',
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      sessions: SESSIONS,
      updatesPerSession: UPDATES,
      events: total,
      publishPerSecond: Math.round(total / publishSeconds),
      puts: stats.puts,
      patches: stats.patches,
      patchesPerSecond: Math.round(stats.patches / patchSeconds),
      endToEndPerSecond: Math.round(stats.patches / endToEndSeconds),
      consumedAndEnqueuedPerSecond: Math.round(total / Math.max(0.001, spans.enqueue_s)),
      queueToDeliveredPerSecond: Math.round(total / Math.max(0.001, spans.deliver_s)),
      outOfOrder: stats.outOfOrder,
      duplicates: stats.dup,
      ok: stats.patches === total && stats.outOfOrder === 0 && stats.dup === 0,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok) process.exitCode = 1;
  } finally {
    await service?.stop();
    await peer.stop().catch(() => undefined);
    await kafka.disconnect().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
