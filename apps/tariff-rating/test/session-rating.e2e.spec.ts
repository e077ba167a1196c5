import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  ChargingSessionCompletedV1Definition,
  ChargingSessionUpdatedV1Definition,
  createEnvelope,
  keyOf,
  LocationUpsertedV1Definition,
  toHeaders,
  type TopicDataMap,
  type TopicName,
  Topics,
} from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';
import { loadTariffExamples } from './tariff-examples';

/**
 * From session.charging-session.completed.v1 to rating.session.rated.v1 on real Kafka and
 * PostgreSQL: the tariff assigned to the connector is resolved, the session priced in the
 * location's time zone (from location.location.upserted.v1) and rated exactly once, even when the
 * completion arrives twice; a session at a connector without a tariff goes to the dead letters.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies
type Json = Record<string, any>;

const ADMIN_API_KEY = 'tariff-rating-e2e-rating-key-0123456789';

describe('tariff-rating: completed sessions are rated', () => {
  const run = randomBytes(4).toString('hex').toUpperCase();
  const locationId = `LOC-R-${run}`;
  const tariffId = `T22-${run}`;
  let port: number;
  let service: NodeProcess;
  let kafka: KafkaPlatform;
  let pool: Pool;

  const env = () => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_API_KEY,
    LOG_LEVEL: 'warn',
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_API_KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: 'session-engine',
      correlationId: randomUUID(),
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic,
        key: keyOf(topic, data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);
  };

  const read = async (topic: string, key: string) => {
    const records = await kafka.readRaw(topic, { maxRecords: 1_000_000, timeoutMs: 3_000 });
    return records
      .filter((r) => r.key === key)
      .map((r) => JSON.parse(String(r.value)) as { data: Json });
  };

  /** The spec's step_size example #1 (16:55 local, Europe/Berlin): 0.55 only in Berlin time. */
  const example = loadTariffExamples().find((c) => c.id === 'spec221/step_size_switch_element_1');
  const completed = (sessionId: string, connectorId: string) => {
    const base = ChargingSessionCompletedV1Definition.example;
    const input = example?.input;
    return {
      ...base,
      sessionId,
      emspCountryCode: 'DE',
      emspPartyId: 'ABC',
      startedAt: input?.start_date_time ?? '',
      endedAt: input?.end_date_time ?? '',
      session: {
        ...base.session,
        id: sessionId,
        start_date_time: input?.start_date_time,
        end_date_time: input?.end_date_time,
        location_id: locationId,
        evse_uid: 'EVSE-1',
        connector_id: connectorId,
        charging_periods: input?.charging_periods,
      },
    };
  };

  beforeAll(async () => {
    [port] = await findFreePorts(1);
    const migrate = new NodeProcess(['apps', 'tariff-rating', 'src', 'migrate.js'], env()).start();
    if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    service = NodeProcess.service('tariff-rating', env()).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (status) => status === 200,
      { timeoutMs: 60_000, what: `tariff-rating ready on ${port}` },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${service.tail()}`);
    });
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
        clientId: `tariff-rating-e2e-${randomBytes(3).toString('hex')}`,
        defaultPartitions: 6,
      },
      silentKafkaLogger,
    );
    await kafka.start([]);
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

    const tariff = { ...example?.tariff, id: tariffId, country_code: 'NL', party_id: 'VLT' };
    expect((await call('PUT', `/v1/tariffs/NL/VLT/${tariffId}`, tariff)).status).toBe(201);
    const assigned = await call('POST', '/v1/tariff-assignments', {
      location_id: locationId,
      evse_uid: 'EVSE-1',
      connector_id: '1',
      tariff_country_code: 'NL',
      tariff_party_id: 'VLT',
      tariff_id: tariffId,
    });
    expect(assigned.status).toBe(201);
  });

  afterAll(async () => {
    await pool?.end();
    await kafka?.disconnect();
    await service?.stop();
  });

  it('Given the location in Europe/Berlin, When its upsert is consumed, Then its time zone is kept', async () => {
    await publish(Topics.LocationUpserted, {
      ...LocationUpsertedV1Definition.example,
      locationId,
      timeZone: 'Europe/Berlin',
      location: {
        ...LocationUpsertedV1Definition.example.location,
        id: locationId,
        time_zone: 'Europe/Berlin',
      },
    });
    await waitFor(
      async () =>
        (
          await pool.query<{ time_zone: string }>(
            'SELECT time_zone FROM tariff_rating.location_time_zones WHERE location_id = $1',
            [locationId],
          )
        ).rows[0]?.time_zone,
      (tz) => tz === 'Europe/Berlin',
      { timeoutMs: 30_000, what: 'the location time zone' },
    );
  });

  it('Given a completed session sent twice, Then exactly one rating.session.rated.v1 with the spec total', async () => {
    const sessionId = randomUUID();
    await publish(Topics.SessionCompleted, completed(sessionId, '1'));
    await publish(Topics.SessionCompleted, completed(sessionId, '1')); // a re-sent completion
    const rated = await waitFor(
      () => read(Topics.RatingSessionRated, sessionId),
      (events) => events.length >= 1,
      { timeoutMs: 30_000, what: 'a rated event' },
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await read(Topics.RatingSessionRated, sessionId)).toHaveLength(1);
    const data = rated[0].data;
    expect(data.tariffIds).toEqual([tariffId]);
    expect(data.currency).toBe('EUR');
    expect(Math.abs(data.totalCost.exclVat - 0.55)).toBeLessThanOrEqual(0.005);
    expect(data.totalCost.inclVat).toBe(data.totalCost.exclVat);
    expect(data.chargingPeriods).toHaveLength(3);
    expect(data.chargingPeriods[0].tariff_id).toBe(tariffId);
    expect(data.totalTimeSeconds).toBe(Math.round((0.0833 + 0.0833 + 0.0333) * 3600));
  });

  it('Given a running session updated twice out of order, Then one live price for the newest revision', async () => {
    const sessionId = randomUUID();
    const input = example?.input;
    const updated = (revision: number) => ({
      ...ChargingSessionUpdatedV1Definition.example,
      sessionId,
      revision,
      status: 'ACTIVE' as const,
      lastMeterReadingAt: input?.end_date_time ?? '',
      session: {
        ...ChargingSessionUpdatedV1Definition.example.session,
        id: sessionId,
        status: 'ACTIVE',
        start_date_time: input?.start_date_time,
        location_id: locationId,
        evse_uid: 'EVSE-1',
        connector_id: '1',
        cdr_token: {
          country_code: 'DE',
          party_id: 'ABC',
          uid: 'TOKEN-1',
          type: 'RFID',
          contract_id: 'DE-ABC-C1',
        },
        charging_periods: input?.charging_periods,
      },
    });
    await publish(Topics.SessionUpdated, updated(2));
    await publish(Topics.SessionUpdated, updated(1)); // late, older
    const costs = await waitFor(
      () => read(Topics.RatingSessionCostUpdated, sessionId),
      (events) => events.length >= 1,
      { timeoutMs: 30_000, what: 'a live price' },
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await read(Topics.RatingSessionCostUpdated, sessionId)).toHaveLength(1);
    expect(costs[0].data.sessionRevision).toBe(2);
    expect(costs[0].data.tariffId).toBe(tariffId);
    expect(Math.abs(costs[0].data.totalCost.exclVat - 0.55)).toBeLessThanOrEqual(0.005);
  });

  it('Given a completed session at a connector without a tariff, Then it goes to the dead letters', async () => {
    const sessionId = randomUUID();
    await publish(Topics.SessionCompleted, completed(sessionId, '9'));
    const dead = await waitFor(
      () => read(`${Topics.SessionCompleted}.dlq`, sessionId),
      (events) => events.length >= 1,
      { timeoutMs: 60_000, what: 'a dead letter' },
    );
    expect(dead).toHaveLength(1);
    expect(await read(Topics.RatingSessionRated, sessionId)).toEqual([]);
  });
});
