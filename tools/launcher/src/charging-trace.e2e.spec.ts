import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RPCClient } from 'ocpp-rpc';
import { Pool } from 'pg';
import { parse } from 'yaml';
import { createEnvelope, keyOf, toHeaders, Topics } from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { findRepoRoot, httpStatus, NodeProcess, waitFor } from '@voltlane/testing';
import { DevTraceReceiver, type SpanNode } from './dev-trace-receiver';

/**
 * Issue 7 "one trace from StartTransaction to the CDR", on real processes, Kafka and PostgreSQL:
 * the dev trace receiver of `npm start` runs here; four services export their spans to it. A station
 * (ocpp-rpc, strict) charges one session through the gateway; the spans of gateway → session-engine
 * → tariff-rating → cdr-billing must form one trace (every span's parent in it, one root: the
 * StartTransaction CALL). Each service's /metrics must expose exactly the service metrics the
 * catalog (deploy/observability/metrics.yaml) lists for it, with the charged session counted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies
type Json = Record<string, any>;

const SERVICES = ['ocpp-gateway', 'session-engine', 'tariff-rating', 'cdr-billing'] as const;
type Service = (typeof SERVICES)[number];
const ADMIN_API_KEY = 'charging-trace-e2e-operator-key-0123456789';

describe('one charging session is one trace; domain metrics on /metrics (four processes)', () => {
  const run = randomBytes(4).toString('hex');
  const stationId = `TRACE-${run.toUpperCase()}`;
  const tokenUid = `TR${run.toUpperCase()}`;
  const tariffId = `TRACE-${run.toUpperCase()}`;
  const database = `trace_${run}`;
  const receiver = new DevTraceReceiver();
  let receiverUrl: string;
  let databaseUrl: string;
  let ports: Record<Service, number>;
  const processes = new Map<Service, NodeProcess>();
  let kafka: KafkaPlatform;
  let station: RPCClient | undefined;

  const env = (service: Service) => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    DATABASE_URL: databaseUrl,
    PORT: String(ports[service]),
    HOST: '127.0.0.1',
    ADMIN_API_KEY,
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    KAFKA_CONSUMER_GROUP: `trace-${service}-${run}`,
    SESSION_COMPLETION_DELAY_MS: '500',
    OCPP_AUTO_REGISTER: 'true',
    OCPP_REALTIME_AUTHORIZATION: 'false',
    LOG_LEVEL: 'warn',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });

  const tails = () =>
    [...processes.entries()].map(([s, p]) => `--- ${s}\n${p.tail(15)}`).join('\n');

  beforeAll(async () => {
    receiverUrl = await receiver.start(0);
    const admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    const free = await findFreePorts(SERVICES.length);
    ports = Object.fromEntries(SERVICES.map((s, i) => [s, free[i]])) as Record<Service, number>;
    for (const service of SERVICES) {
      const migrate = new NodeProcess(['apps', service, 'src', 'migrate.js'], env(service)).start();
      if ((await migrate.exit)?.code !== 0)
        throw new Error(`migrate ${service}:\n${migrate.tail()}`);
    }
    for (const service of SERVICES) {
      processes.set(service, NodeProcess.service(service, env(service)).start());
    }
    for (const service of SERVICES) {
      await waitFor(
        () => httpStatus(ports[service], '/health/ready'),
        (status) => status === 200,
        { timeoutMs: 90_000, what: `${service} ready` },
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${tails()}`);
      });
    }
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
        clientId: `trace-e2e-${run}`,
        defaultPartitions: 6,
      },
      silentKafkaLogger,
    );
    await kafka.start([]);
  });

  afterAll(async () => {
    await station?.close({ force: true }).catch(() => undefined);
    for (const p of processes.values()) await p.stop('SIGTERM', 15_000);
    await kafka?.disconnect();
    await receiver.stop();
  });

  const api = async (service: Service, method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${ports[service]}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_API_KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  };

  it('traces StartTransaction → session → rating → CDR as one trace, and counts it on /metrics', async () => {
    // The connector's tariff (so the session gets priced) and a valid token in the gateway's cache.
    const tariff = {
      country_code: 'NL',
      party_id: 'VLT',
      id: tariffId,
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.3, vat: 20, step_size: 1 }] }],
      last_updated: '2026-11-01T00:00:00Z',
    };
    expect(
      (await api('tariff-rating', 'PUT', `/v1/tariffs/NL/VLT/${tariffId}`, tariff)).status,
    ).toBe(201);
    const assignment = await api('tariff-rating', 'POST', '/v1/tariff-assignments', {
      location_id: stationId,
      evse_uid: `${stationId}*1`,
      connector_id: '1',
      tariff_country_code: 'NL',
      tariff_party_id: 'VLT',
      tariff_id: tariffId,
    });
    expect(assignment.status).toBe(201);
    const token = {
      countryCode: 'NL',
      partyId: 'VLT',
      uid: tokenUid,
      type: 'RFID' as const,
      contractId: `NL-VLT-${tokenUid}`,
      valid: true,
      whitelist: 'ALLOWED' as const,
      origin: 'received-from-emsp' as const,
      lastUpdated: '2026-11-01T00:00:00Z',
      token: { country_code: 'NL', party_id: 'VLT', uid: tokenUid, valid: true },
    };
    const envelope = createEnvelope(Topics.TokenUpserted, token as never, {
      producer: 'ocpi-cpo',
      correlationId: `trace-${run}`,
      causationId: null,
      eventId: randomUUID(),
    });
    await kafka.producer.send([
      {
        topic: Topics.TokenUpserted,
        key: keyOf(Topics.TokenUpserted, token as never),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);

    // A strict OCPP 1.6J station charges 11 kWh.
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: `ws://127.0.0.1:${ports['ocpp-gateway']}/ocpp`,
      identity: stationId,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      callTimeoutMs: 15_000,
    };
    station = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    await station.connect();
    const c = station;
    expect(
      await c.call('BootNotification', {
        chargePointVendor: 'Voltlane',
        chargePointModel: 'Trace',
      }),
    ).toMatchObject({ status: 'Accepted' });
    await waitFor(
      async () =>
        ((await c.call('Authorize', { idTag: tokenUid })) as { idTagInfo: { status: string } })
          .idTagInfo.status,
      (status) => status === 'Accepted',
      { timeoutMs: 60_000, intervalMs: 500, what: 'the token in the gateway cache' },
    );
    const t0 = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const started = (await c.call('StartTransaction', {
      connectorId: 1,
      idTag: tokenUid,
      meterStart: 100_000,
      timestamp: at(0),
    })) as { transactionId: number; idTagInfo: { status: string } };
    expect(started.idTagInfo.status).toBe('Accepted');
    await c.call('MeterValues', {
      connectorId: 1,
      transactionId: started.transactionId,
      meterValue: [
        {
          timestamp: at(30),
          sampledValue: [
            { value: '105500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          ],
        },
      ],
    });
    await c.call('StopTransaction', {
      transactionId: started.transactionId,
      idTag: tokenUid,
      meterStop: 111_000,
      timestamp: at(60),
      reason: 'EVDisconnected',
    });

    // The CDR exists (cdr-billing consumed both the completed session and its price).
    const cdrs = await waitFor(
      async () =>
        (await kafka.readRaw(Topics.CdrCreated, { maxRecords: 1_000_000, timeoutMs: 3_000 }))
          .map((r) => String(r.value))
          .filter((v) => v.includes(stationId)),
      (found) => found.length >= 1,
      { timeoutMs: 120_000, intervalMs: 1_000, what: `the CDR of ${stationId}` },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${tails()}`);
    });
    expect(cdrs).toHaveLength(1);

    // One trace: rooted at the StartTransaction CALL, reaching cdr-billing.
    type Trace = { traceId: string; spans: SpanNode[]; text: string };
    const flatten = (nodes: SpanNode[]): SpanNode[] =>
      nodes.flatMap((n) => [n, ...flatten(n.children)]);
    const sessionTrace = async (): Promise<Trace | undefined> => {
      const list = (await (await fetch(`${receiverUrl}/traces?limit=500`)).json()) as {
        traces: { traceId: string; root: string }[];
      };
      for (const summary of list.traces.filter((t) => t.root === 'ocpp StartTransaction')) {
        const trace = (await (
          await fetch(`${receiverUrl}/traces/${summary.traceId}`)
        ).json()) as Trace;
        if (trace.spans.some((s) => s.attributes['ocpp.station_id'] === stationId)) return trace;
      }
      return undefined;
    };
    const trace = await waitFor(
      sessionTrace,
      (t) => !!t && flatten(t.spans).some((s) => s.service === 'cdr-billing'),
      { timeoutMs: 30_000, intervalMs: 500, what: 'the session trace to reach cdr-billing' },
    );
    if (!trace) throw new Error('no trace');
    process.stdout.write(`\nTrace ${trace.traceId} of one charging session:\n${trace.text}\n`);
    // A single root: every other span's parent is in the trace.
    expect(trace.spans.map((s) => `${s.service} ${s.name}`)).toEqual([
      'ocpp-gateway ocpp StartTransaction',
    ]);
    const spans = flatten(trace.spans);
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual([...SERVICES].sort());
    const names = spans.map((s) => `${s.service} ${s.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        `ocpp-gateway send ${Topics.OcppTransactionStarted}`,
        `session-engine process ${Topics.OcppTransactionStarted}`,
        `session-engine complete charging-session`,
        `tariff-rating process ${Topics.SessionCompleted}`,
        `cdr-billing process ${Topics.SessionCompleted}`,
        `cdr-billing process ${Topics.RatingSessionRated}`,
      ]),
    );

    // Metrics: each service exposes exactly its catalogued service metrics, with this session counted.
    const catalog = parse(
      readFileSync(join(findRepoRoot(), 'deploy/observability/metrics.yaml'), 'utf8'),
    ) as {
      platform: { name: string }[];
      ocpi?: { name: string }[];
      services: Record<string, { name: string; type: string }[]>;
    };
    const shared = new Set([...catalog.platform, ...(catalog.ocpi ?? [])].map((m) => m.name));
    const scrape = async (service: Service) =>
      (await fetch(`http://127.0.0.1:${ports[service]}/metrics`)).text();
    for (const service of SERVICES) {
      const text = await scrape(service);
      const exposed = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)]
        .filter((m) => !shared.has(m[1]))
        .map((m) => ({ name: m[1], type: m[2] }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const listed = (catalog.services[service] ?? [])
        .map((m) => ({ name: m.name, type: m.type }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect({ service, metrics: exposed }).toEqual({ service, metrics: listed });
    }
    const gateway = await scrape('ocpp-gateway');
    expect(
      sample(gateway, 'ocpp_calls_total', { action: 'StartTransaction', outcome: 'accepted' }),
    ).toBe(1);
    expect(sample(gateway, 'ocpp_call_duration_seconds_count', { action: 'StopTransaction' })).toBe(
      1,
    );
    expect(sample(gateway, 'ocpp_connected_stations', {})).toBe(1);
    const sessions = await scrape('session-engine');
    expect(sample(sessions, 'voltlane_sessions_started_total', {})).toBe(1);
    expect(sample(sessions, 'voltlane_sessions_completed_total', {})).toBe(1);
    expect(sample(sessions, 'voltlane_sessions_active', {})).toBe(0);
    const billing = await scrape('cdr-billing');
    expect(sample(billing, 'voltlane_cdrs_created_total', { kind: 'original' })).toBe(1);
    // Consumer lag is fetched by the admin client (at the consumer's start, then every 15 s).
    const lag = await waitFor(
      async () =>
        sample(await scrape('session-engine'), 'voltlane_kafka_consumer_lag', {
          group: `trace-session-engine-${run}`,
          topic: Topics.OcppTransactionStarted,
        }),
      (value) => value !== undefined,
      { timeoutMs: 20_000, intervalMs: 500, what: 'the consumer lag of session-engine' },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${tails()}`);
    });
    expect(lag).toBeGreaterThanOrEqual(0);
  });
});

/** The value of `name{labels}` (plus the registry's `service` label) in Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    delete found.service;
    const same =
      Object.keys(found).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => found[k] === v);
    if (same) return Number(m[3]);
  }
  return undefined;
}
