import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  type ChargingSessionCompletedV1,
  createEnvelope,
  keyOf,
  type MeterValuesReceivedV1,
  type OcppSampledValueV1,
  type StationBootedV1,
  toHeaders,
  Topics,
  type TopicName,
  type TransactionStartedV1,
  type TransactionStoppedV1,
} from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';
import { sessionIdOf } from './domain/session-id';

/**
 * session-engine as a real process on real Kafka and PostgreSQL: OCPP transaction events in,
 * `session.charging-session.completed.v1` out, through duplicates, a SIGKILL and restart mid-stream
 * and the stale-transaction policy. Isolated by its own database and its own consumer group.
 */
const run = randomUUID().slice(0, 8);
const database = `se_e2e_${run}`;
const ADMIN_API_KEY = 'session-engine-e2e-admin-key-0123456789';
const T0 = Date.parse('2025-03-14T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

interface KafkaRecord {
  topic: string;
  key: string;
  value: string;
  headers: { [k: string]: string };
}

function record<T extends TopicName>(topic: T, data: unknown, eventId?: string): KafkaRecord {
  const envelope = createEnvelope(topic, data as never, {
    producer: 'ocpp-gateway',
    correlationId: `e2e-${run}`,
    causationId: null,
    eventId,
  });
  return {
    topic,
    key: keyOf(topic, data as never),
    value: JSON.stringify(envelope),
    headers: toHeaders(envelope),
  };
}

const energy = (minutes: number, wh: number): OcppSampledValueV1 => ({
  timestamp: at(minutes),
  value: wh,
  measurand: 'Energy.Active.Import.Register',
  unit: 'Wh',
  context: 'Sample.Periodic',
  location: 'Outlet',
});
const power = (minutes: number, w: number): OcppSampledValueV1 => ({
  timestamp: at(minutes),
  value: w,
  measurand: 'Power.Active.Import',
  unit: 'W',
  context: 'Sample.Periodic',
  location: 'Outlet',
});

const started = (stationId: string, transactionId: string): TransactionStartedV1 => ({
  stationId,
  connectorId: 1,
  idTag: 'E2E-TAG-1',
  idTagStatus: 'Accepted',
  meterStartWh: 1_000_000,
  timestamp: at(0),
  transactionId,
});
const meterValues = (
  stationId: string,
  transactionId: string,
  values: OcppSampledValueV1[],
): MeterValuesReceivedV1 => ({ stationId, connectorId: 1, transactionId, sampledValues: values });
const stopped = (
  stationId: string,
  transactionId: string,
  minutes: number,
  meterStopWh: number,
): TransactionStoppedV1 => ({
  stationId,
  transactionId,
  connectorId: 1,
  meterStopWh,
  timestamp: at(minutes),
  reason: 'EVDisconnected',
});

describe('session-engine: OCPP transaction events → completed sessions (real Kafka + PostgreSQL, real process)', () => {
  let admin: Pool;
  let kafka: KafkaPlatform;
  let port: number;
  let service: NodeProcess;
  const completed: ChargingSessionCompletedV1[] = [];
  const lifecycle: { topic: string; sessionId: string; revision: number; status?: string }[] = [];

  const databaseUrl = () => {
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const env = () => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: databaseUrl(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_API_KEY,
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    KAFKA_CONSUMER_GROUP: `session-engine-e2e-${run}`,
    KAFKA_TOPIC_PARTITIONS: '3',
    SESSION_STALE_GRACE_SECONDS: '2',
    SESSION_COMPLETION_DELAY_MS: '1500',
    SESSION_STALE_SWEEP_INTERVAL_MS: '250',
  });

  async function startService(): Promise<NodeProcess> {
    const p = NodeProcess.service('session-engine', env()).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (s) => s === 200,
      {
        timeoutMs: 60_000,
        what: `session-engine ready\n${p.tail()}`,
      },
    );
    return p;
  }

  const send = (records: KafkaRecord[]) => kafka.producer.send(records);
  const completedOf = (sessionId: string) => completed.filter((c) => c.sessionId === sessionId);
  const api = (path: string, key: string | null = ADMIN_API_KEY) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const migrate = new NodeProcess(['apps', 'session-engine', 'src', 'migrate.js'], env()).start();
    expect(await migrate.exit).toEqual({ code: 0, signal: null });
    [port] = await findFreePorts(1);
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `se-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.OcppTransactionStarted,
      Topics.OcppMeterValuesReceived,
      Topics.OcppTransactionStopped,
      Topics.OcppConnectorStatusChanged,
      Topics.OcppStationBooted,
      Topics.SessionStarted,
      Topics.SessionUpdated,
      Topics.SessionCompleted,
    ]);
    const collector = kafka.createConsumer({
      groupId: `se-e2e-collector-${run}`,
      topics: [Topics.SessionStarted, Topics.SessionUpdated, Topics.SessionCompleted],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          const data = e.envelope.data as ChargingSessionCompletedV1 & { status?: string };
          lifecycle.push({
            topic: e.topic,
            sessionId: data.sessionId,
            revision: data.revision,
            status: (data.session as { status?: string }).status,
          });
          if (e.topic === Topics.SessionCompleted) completed.push(data);
        }
      },
    });
    await collector.start();
    service = await startService();
  });

  afterAll(async () => {
    await service?.stop();
    await kafka?.disconnect();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('builds one completed session with energy, time and charging periods despite duplicates', async () => {
    const station = `SE-E2E-${run}-A`;
    const tx = '7001';
    const sessionId = sessionIdOf(station, tx);
    const start = record(Topics.OcppTransactionStarted, started(station, tx));
    const mv = [
      meterValues(station, tx, [energy(30, 1_011_000), power(30, 22_000)]),
      meterValues(station, tx, [energy(60, 1_014_500), power(60, 7_000)]),
      meterValues(station, tx, [energy(90, 1_014_500), power(90, 0)]),
    ].map((d) => record(Topics.OcppMeterValuesReceived, d));
    const stop = stopped(station, tx, 120, 1_014_500);
    // Every event delivered twice (same event id), and the station re-sends its stop (new event id).
    await send([start, start]);
    await send([...mv, ...mv]);
    await send([
      record(Topics.OcppTransactionStopped, stop),
      record(Topics.OcppTransactionStopped, stop),
    ]);

    await waitFor(
      async () => completedOf(sessionId).length,
      (n) => n >= 1,
      {
        timeoutMs: 60_000,
        what: 'the completed session',
      },
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const [done, ...more] = completedOf(sessionId);
    expect(more).toHaveLength(0);
    expect(done).toMatchObject({
      stationId: station,
      transactionId: tx,
      tokenUid: 'E2E-TAG-1',
      meterStartWh: 1_000_000,
      meterStopWh: 1_014_500,
      energyWh: 14_500,
      startedAt: at(0),
      endedAt: at(120),
      stopReason: 'EVDisconnected',
    });
    const session = done.session as { kwh: number; status: string; charging_periods: unknown[] };
    expect(session.status).toBe('COMPLETED');
    expect(session.kwh).toBe(14.5);
    expect(session.charging_periods).toEqual([
      {
        start_date_time: '2025-03-14T09:00:00Z',
        dimensions: [
          { type: 'ENERGY', volume: 11 },
          { type: 'TIME', volume: 0.5 },
          { type: 'MAX_POWER', volume: 22 },
          { type: 'MIN_POWER', volume: 22 },
        ],
      },
      {
        start_date_time: '2025-03-14T09:30:00Z',
        dimensions: [
          { type: 'ENERGY', volume: 3.5 },
          { type: 'TIME', volume: 0.5 },
          { type: 'MAX_POWER', volume: 7 },
          { type: 'MIN_POWER', volume: 7 },
        ],
      },
      {
        start_date_time: '2025-03-14T10:00:00Z',
        dimensions: [{ type: 'PARKING_TIME', volume: 1 }],
      },
    ]);

    // started (ACTIVE, revision 1) → updated (ACTIVE) → completed; the topics are consumed
    // independently, so the order is in the revisions, not in the arrival.
    const events = lifecycle.filter((e) => e.sessionId === sessionId);
    expect(events.filter((e) => e.topic === Topics.SessionStarted)).toEqual([
      { topic: Topics.SessionStarted, sessionId, revision: 1, status: 'ACTIVE' },
    ]);
    const updates = events.filter((e) => e.topic === Topics.SessionUpdated);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.filter((u) => !(u.status === 'ACTIVE' && u.revision > 1))).toEqual([]);
    expect(Math.max(...updates.map((u) => u.revision))).toBeLessThan(done.revision);

    // The operator API shows it.
    const list = await api(`/api/v1/sessions?station_id=${station}&status=COMPLETED`);
    expect(list.status).toBe(200);
    const page = (await list.json()) as { total: number; data: { id: string; energyWh: number }[] };
    expect(page.total).toBe(1);
    expect(page.data[0]).toMatchObject({ id: sessionId, energyWh: 14_500 });
    const one = await api(`/api/v1/sessions/${sessionId}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { session: { id: string } }).session.id).toBe(sessionId);
  });

  it('gives the same session when the stop and out-of-order meter values overtake the start', async () => {
    const station = `SE-E2E-${run}-D`;
    const tx = '7004';
    const sessionId = sessionIdOf(station, tx);
    // Sent in the worst order: stop, newest meter values, older ones (a reconnect replay), start.
    await send([record(Topics.OcppTransactionStopped, stopped(station, tx, 90, 1_007_000))]);
    await send([
      record(
        Topics.OcppMeterValuesReceived,
        meterValues(station, tx, [energy(60, 1_007_000), power(60, 0)]),
      ),
    ]);
    await send([
      record(
        Topics.OcppMeterValuesReceived,
        meterValues(station, tx, [energy(30, 1_007_000), power(30, 14_000)]),
      ),
    ]);
    await send([record(Topics.OcppTransactionStarted, started(station, tx))]);
    await waitFor(
      async () => completedOf(sessionId).length,
      (n) => n >= 1,
      {
        timeoutMs: 60_000,
        what: 'the completed session',
      },
    );
    const [done] = completedOf(sessionId);
    expect(done).toMatchObject({ energyWh: 7_000, endedAt: at(90), meterStopWh: 1_007_000 });
    const periods = (done.session as { charging_periods: { start_date_time: string }[] })
      .charging_periods;
    expect(periods).toEqual([
      {
        start_date_time: '2025-03-14T09:00:00Z',
        dimensions: [
          { type: 'ENERGY', volume: 7 },
          { type: 'TIME', volume: 0.5 },
          { type: 'MAX_POWER', volume: 14 },
          { type: 'MIN_POWER', volume: 14 },
        ],
      },
      {
        start_date_time: '2025-03-14T09:30:00Z',
        dimensions: [{ type: 'PARKING_TIME', volume: 1 }],
      },
    ]);
  });

  it('attributes meter values without a transactionId to the open session on their connector', async () => {
    const station = `SE-E2E-${run}-E`;
    const tx = '7005';
    const sessionId = sessionIdOf(station, tx);
    const energyOf = async () => {
      const r = await api(`/api/v1/sessions/${sessionId}`);
      return r.status === 200 ? ((await r.json()) as { energyWh: number }).energyWh : -1;
    };
    await send([record(Topics.OcppTransactionStarted, started(station, tx))]);
    await waitFor(energyOf, (wh) => wh === 0, { timeoutMs: 30_000, what: 'the session' });
    const withoutTransaction: MeterValuesReceivedV1 = {
      stationId: station,
      connectorId: 1,
      sampledValues: [energy(30, 1_006_000)],
    };
    await send([record(Topics.OcppMeterValuesReceived, withoutTransaction)]);
    await waitFor(energyOf, (wh) => wh === 6_000, { timeoutMs: 30_000, what: 'meter values' });
    await send([record(Topics.OcppTransactionStopped, stopped(station, tx, 60, 1_006_000))]);
    await waitFor(
      async () => completedOf(sessionId).length,
      (n) => n >= 1,
      {
        timeoutMs: 60_000,
        what: 'the completed session',
      },
    );
    const periods = (
      completedOf(sessionId)[0].session as { charging_periods: { start_date_time: string }[] }
    ).charging_periods;
    expect(periods.map((p) => p.start_date_time)).toEqual([
      '2025-03-14T09:00:00Z',
      '2025-03-14T09:30:00Z',
    ]);
  });

  it('answers 401 without the operator key, 404 for an unknown session, 400 for a bad filter', async () => {
    expect((await api('/api/v1/sessions', null)).status).toBe(401);
    expect((await api('/api/v1/sessions', 'wrong-key-wrong-key-wrong-key')).status).toBe(401);
    expect((await api(`/api/v1/sessions/${randomUUID()}`)).status).toBe(404);
    expect((await api('/api/v1/sessions?status=RUNNING')).status).toBe(400);
    expect((await api('/api/v1/sessions?limit=0')).status).toBe(400);
  });

  it('yields exactly one completed session when session-engine is SIGKILLed and restarted mid-stream', async () => {
    const station = `SE-E2E-${run}-B`;
    const tx = '7002';
    const sessionId = sessionIdOf(station, tx);
    const steps = 240;
    const mv = Array.from({ length: steps }, (_, i) =>
      record(
        Topics.OcppMeterValuesReceived,
        meterValues(station, tx, [energy(i + 1, 1_000_000 + (i + 1) * 100), power(i + 1, 6_000)]),
      ),
    );
    await send([record(Topics.OcppTransactionStarted, started(station, tx))]);
    await send(mv.slice(0, steps / 2));
    // Kill it while it works through the meter values.
    await waitFor(
      async () => {
        const r = await api(`/api/v1/sessions/${sessionId}`);
        return r.status === 200 ? ((await r.json()) as { revision: number }).revision : 0;
      },
      (rev) => rev > 1,
      { timeoutMs: 30_000, intervalMs: 20, what: 'meter values being applied' },
    );
    await service.stop('SIGKILL');
    // While it is down: the rest, duplicates of the first half, the stop (twice).
    await send([...mv.slice(steps / 2), ...mv.slice(0, 40)]);
    const stop = stopped(station, tx, steps + 5, 1_000_000 + steps * 100);
    await send([
      record(Topics.OcppTransactionStopped, stop),
      record(Topics.OcppTransactionStopped, stop),
    ]);
    service = await startService();

    await waitFor(
      async () => completedOf(sessionId).length,
      (n) => n >= 1,
      {
        timeoutMs: 90_000,
        what: `the completed session after the restart\n${service.tail()}`,
      },
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const all = completedOf(sessionId);
    // At-least-once delivery may repeat the event itself (same event id), never the fact.
    expect(new Set(all.map((c) => c.revision)).size).toBe(1);
    expect(all[0]).toMatchObject({ energyWh: steps * 100, meterStopWh: 1_000_000 + steps * 100 });
    const db = new Pool({ connectionString: databaseUrl(), max: 1 });
    try {
      const { rows } = await db.query<{ n: string; status: string }>(
        `SELECT count(*) AS n, min(status) AS status FROM session_engine.charging_sessions
         WHERE station_id = $1`,
        [station],
      );
      expect(rows[0]).toEqual({ n: '1', status: 'COMPLETED' });
    } finally {
      await db.end();
    }
  });

  it('closes a never-stopped transaction after a station boot, marked as closed by the policy', async () => {
    const station = `SE-E2E-${run}-C`;
    const tx = '7003';
    const sessionId = sessionIdOf(station, tx);
    await send([record(Topics.OcppTransactionStarted, started(station, tx))]);
    await send([
      record(Topics.OcppMeterValuesReceived, meterValues(station, tx, [energy(20, 1_004_000)])),
    ]);
    const booted: StationBootedV1 = {
      stationId: station,
      connectionId: randomUUID(),
      chargePointVendor: 'E2E',
      chargePointModel: 'E2E',
      registrationStatus: 'Accepted',
      heartbeatIntervalSeconds: 300,
      bootedAt: at(30),
    };
    // The boot must come after the meter values were applied (they travel on another topic).
    await waitFor(
      async () => {
        const r = await api(`/api/v1/sessions/${sessionId}`);
        return r.status === 200 ? ((await r.json()) as { energyWh: number }).energyWh : -1;
      },
      (wh) => wh === 4_000,
      { timeoutMs: 30_000, what: 'meter values applied' },
    );
    await send([record(Topics.OcppStationBooted, booted)]);
    await waitFor(
      async () => completedOf(sessionId).length,
      (n) => n >= 1,
      {
        timeoutMs: 60_000,
        what: 'the policy-closed session',
      },
    );
    expect(completedOf(sessionId)[0]).toMatchObject({
      energyWh: 4_000,
      meterStopWh: 1_004_000,
      endedAt: at(20),
      stopReason: 'Reboot',
    });
    const view = (await (await api(`/api/v1/sessions/${sessionId}`)).json()) as {
      closedBy: string;
      flags: string[];
      status: string;
    };
    expect(view).toMatchObject({ status: 'COMPLETED', closedBy: 'STALE_POLICY' });
    expect(view.flags).toContain('NEVER_STOPPED');
  });
});
