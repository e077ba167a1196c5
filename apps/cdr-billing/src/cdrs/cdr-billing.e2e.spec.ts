import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  type CdrCreatedV1,
  type ChargingSessionCompletedV1,
  createEnvelope,
  keyOf,
  type SessionRatedV1,
  type TariffUpsertedV1,
  toHeaders,
  Topics,
  type TopicName,
} from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';

/**
 * cdr-billing as a real process on real Kafka and PostgreSQL: completed sessions and their ratings
 * in (either order, duplicated, across a SIGKILL), exactly one `billing.cdr.created.v1` per session
 * out; the immutability trigger; the operator API with corrections (credit CDR + new CDR).
 */
const run = randomUUID().slice(0, 8);
const database = `cdr_e2e_${run}`;
const ADMIN_API_KEY = 'cdr-billing-e2e-admin-key-0123456789';

interface KafkaRecord {
  topic: string;
  key: string;
  value: string;
  headers: { [k: string]: string };
}

function record<T extends TopicName>(topic: T, data: unknown, eventId?: string): KafkaRecord {
  const envelope = createEnvelope(topic, data as never, {
    producer: topic === Topics.SessionCompleted ? 'session-engine' : 'tariff-rating',
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

const completed = (sessionId: string, minutes = 90): ChargingSessionCompletedV1 => ({
  sessionId,
  countryCode: 'NL',
  partyId: 'VLT',
  revision: 7,
  stationId: 'CP-E2E-1',
  transactionId: '42',
  tokenUid: 'E2E-TAG-1',
  emspCountryCode: 'DE',
  emspPartyId: 'VLE',
  startedAt: '2025-03-14T09:00:00.000Z',
  endedAt: new Date(Date.parse('2025-03-14T09:00:00Z') + minutes * 60_000).toISOString(),
  meterStartWh: 1_000_000,
  meterStopWh: 1_014_500,
  energyWh: 14_500,
  stopReason: 'EVDisconnected',
  session: {
    country_code: 'NL',
    party_id: 'VLT',
    id: sessionId,
    start_date_time: '2025-03-14T09:00:00Z',
    kwh: 14.5,
    cdr_token: {
      country_code: 'DE',
      party_id: 'VLE',
      uid: 'E2E-TAG-1',
      type: 'RFID',
      contract_id: 'DE-VLE-E2E-1',
    },
    auth_method: 'WHITELIST',
    location_id: 'LOC-E2E-1',
    evse_uid: 'CP-E2E-1*1',
    connector_id: '1',
    currency: 'EUR',
    status: 'COMPLETED',
    last_updated: '2025-03-14T10:30:00Z',
  },
});

const E2E_TARIFF: TariffUpsertedV1 = {
  countryCode: 'NL',
  partyId: 'VLT',
  tariffId: 'TARIFF-E2E',
  currency: 'EUR',
  lastUpdated: '2025-01-01T00:00:00Z',
  tariff: {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'TARIFF-E2E',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.29, vat: 21, step_size: 1 }] }],
    last_updated: '2025-01-01T00:00:00Z',
  },
};

const rated = (sessionId: string, exclVat = 4.35): SessionRatedV1 => ({
  sessionId,
  countryCode: 'NL',
  partyId: 'VLT',
  sessionRevision: 7,
  tariffIds: ['TARIFF-E2E'],
  currency: 'EUR',
  totalCost: { exclVat, inclVat: Math.round(exclVat * 1.21 * 10_000) / 10_000 },
  totalEnergyCost: { exclVat, inclVat: Math.round(exclVat * 1.21 * 10_000) / 10_000 },
  totalEnergyWh: 14_500,
  totalTimeSeconds: 5_400,
  chargingPeriods: [
    {
      start_date_time: '2025-03-14T09:00:00Z',
      dimensions: [
        { type: 'ENERGY', volume: 14.5 },
        { type: 'TIME', volume: 1.5 },
      ],
      tariff_id: 'TARIFF-E2E',
    },
  ],
  ratedAt: '2025-03-14T10:30:01.000Z',
});

describe('cdr-billing: completed + rated sessions → immutable CDRs (real Kafka + PostgreSQL, real process)', () => {
  let admin: Pool;
  let db: Pool;
  let kafka: KafkaPlatform;
  let port: number;
  let service: NodeProcess;
  const created: CdrCreatedV1[] = [];

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
    KAFKA_CONSUMER_GROUP: `cdr-billing-e2e-${run}`,
    KAFKA_TOPIC_PARTITIONS: '3',
  });

  async function startService(): Promise<NodeProcess> {
    const p = NodeProcess.service('cdr-billing', env()).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (s) => s === 200,
      { timeoutMs: 60_000, what: `cdr-billing ready\n${p.tail()}` },
    );
    return p;
  }

  const send = (records: KafkaRecord[]) => kafka.producer.send(records);
  const createdOf = (sessionId: string) => created.filter((c) => c.sessionId === sessionId);
  const api = (path: string, init: { key?: string | null; body?: unknown } = {}) => {
    const key = init.key === undefined ? ADMIN_API_KEY : init.key;
    return fetch(`http://127.0.0.1:${port}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };
  const waitForCdrs = (sessionId: string, n: number, timeoutMs = 60_000) =>
    waitFor(
      async () => createdOf(sessionId).length,
      (count) => count >= n,
      { timeoutMs, what: `${n} CDR(s) of session ${sessionId}` },
    );
  const settle = () => new Promise((r) => setTimeout(r, 2_000));

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    await admin.query(`CREATE DATABASE "${database}"`);
    [port] = await findFreePorts(1);
    const migrate = new NodeProcess(['apps', 'cdr-billing', 'src', 'migrate.js'], env()).start();
    expect(await migrate.exit).toEqual({ code: 0, signal: null });
    db = new Pool({ connectionString: databaseUrl(), max: 2 });
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `cdr-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.SessionCompleted,
      Topics.RatingSessionRated,
      Topics.TariffUpserted,
      Topics.CdrCreated,
    ]);
    const collector = kafka.createConsumer({
      groupId: `cdr-e2e-collector-${run}`,
      topics: [Topics.CdrCreated],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) created.push(e.envelope.data as CdrCreatedV1);
      },
    });
    await collector.start();
    service = await startService();
    // The tariff every rating here used: a CDR carries it (and waits for it, ADR 0051).
    await send([record(Topics.TariffUpserted, E2E_TARIFF)]);
  });

  afterAll(async () => {
    await service?.stop();
    await kafka?.disconnect();
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('creates exactly one CDR per session whichever event comes first, despite duplicates', async () => {
    const completedFirst = randomUUID();
    const ratedFirst = randomUUID();
    const c1 = record(Topics.SessionCompleted, completed(completedFirst));
    const r2 = record(Topics.RatingSessionRated, rated(ratedFirst, 6.5));
    // Same event twice (redelivery) and the same facts re-sent under a new event id.
    await send([c1, c1, r2, r2, record(Topics.RatingSessionRated, rated(ratedFirst, 6.5))]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(createdOf(completedFirst)).toHaveLength(0);
    expect(createdOf(ratedFirst)).toHaveLength(0);
    const r1 = record(Topics.RatingSessionRated, rated(completedFirst));
    const c2 = record(Topics.SessionCompleted, completed(ratedFirst));
    await send([r1, c2, r1, c2, record(Topics.SessionCompleted, completed(completedFirst))]);

    await waitForCdrs(completedFirst, 1);
    await waitForCdrs(ratedFirst, 1);
    await settle();
    expect(createdOf(completedFirst)).toHaveLength(1);
    expect(createdOf(ratedFirst)).toHaveLength(1);
    const [first] = createdOf(completedFirst);
    expect(first).toMatchObject({
      sessionId: completedFirst,
      countryCode: 'NL',
      partyId: 'VLT',
      emspCountryCode: 'DE',
      emspPartyId: 'VLE',
      currency: 'EUR',
      totalCost: { exclVat: 4.35, inclVat: 5.2635 },
      totalEnergyWh: 14_500,
      startDateTime: '2025-03-14T09:00:00Z',
      endDateTime: '2025-03-14T10:30:00Z',
      credit: false,
    });
    expect(first.cdr).toMatchObject({
      id: first.cdrId,
      session_id: completedFirst,
      auth_method: 'WHITELIST',
      cdr_token: { uid: 'E2E-TAG-1', contract_id: 'DE-VLE-E2E-1' },
      cdr_location: { id: 'LOC-E2E-1', evse_uid: 'CP-E2E-1*1', connector_id: '1' },
      total_energy: 14.5,
      total_time: 1.5,
      total_energy_cost: { excl_vat: 4.35, incl_vat: 5.2635 },
    });
    expect(createdOf(ratedFirst)[0].totalCost).toEqual({ exclVat: 6.5, inclVat: 7.865 });
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM "cdr_billing"."cdrs" WHERE "session_id" = ANY($1)`,
      [[completedFirst, ratedFirst]],
    );
    expect(rows.rows[0].n).toBe(2);
  });

  it('rejects UPDATE, DELETE and TRUNCATE of CDRs in the database', async () => {
    const sessionId = randomUUID();
    await send([
      record(Topics.SessionCompleted, completed(sessionId)),
      record(Topics.RatingSessionRated, rated(sessionId)),
    ]);
    await waitForCdrs(sessionId, 1);
    const { cdrId } = createdOf(sessionId)[0];
    await expect(
      db.query(`UPDATE "cdr_billing"."cdrs" SET "total_cost_excl_vat" = 0 WHERE "cdr_id" = $1`, [
        cdrId,
      ]),
    ).rejects.toThrow(/CDRs are immutable: UPDATE/);
    await expect(
      db.query(`DELETE FROM "cdr_billing"."cdrs" WHERE "cdr_id" = $1`, [cdrId]),
    ).rejects.toThrow(/CDRs are immutable: DELETE/);
    await expect(db.query(`TRUNCATE "cdr_billing"."cdrs" CASCADE`)).rejects.toThrow(
      /CDRs are immutable: TRUNCATE/,
    );
    // A second CDR for the same session is refused by the unique constraint.
    await expect(
      db.query(
        `INSERT INTO "cdr_billing"."cdrs" SELECT 'DUPLICATE-CDR', "session_id", "kind", "credit",
           "credit_reference_id", "emsp_country_code", "emsp_party_id", "currency",
           "total_cost_excl_vat", "total_cost_incl_vat", "total_energy_wh", "start_date_time",
           "end_date_time", "tariff_ids", "cdr", now()
         FROM "cdr_billing"."cdrs" WHERE "cdr_id" = $1`,
        [cdrId],
      ),
    ).rejects.toThrow(/cdrs_one_original_per_session/);
    const still = await db.query(
      `SELECT "total_cost_excl_vat"::float AS v FROM "cdr_billing"."cdrs" WHERE "cdr_id" = $1`,
      [cdrId],
    );
    expect(still.rows).toEqual([{ v: 4.35 }]);
  });

  it('serves CDRs to operators and corrects one with a credit CDR plus a new CDR', async () => {
    const sessionId = randomUUID();
    await send([
      record(Topics.RatingSessionRated, rated(sessionId, 10)),
      record(Topics.SessionCompleted, completed(sessionId)),
    ]);
    await waitForCdrs(sessionId, 1);
    const { cdrId } = createdOf(sessionId)[0];

    expect((await api('/api/v1/cdrs', { key: null })).status).toBe(401);
    expect(
      (await api(`/api/v1/cdrs/${cdrId}`, { key: 'wrong-key-wrong-key-wrong-key' })).status,
    ).toBe(401);
    expect((await api(`/api/v1/cdrs/${randomUUID()}`)).status).toBe(404);
    expect((await api('/api/v1/cdrs?session_id=not-a-uuid')).status).toBe(400);
    expect((await api('/api/v1/cdrs?limit=0')).status).toBe(400);

    const one = await api(`/api/v1/cdrs/${cdrId}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      id: cdrId,
      sessionId,
      kind: 'ORIGINAL',
      creditedBy: null,
      tariffIds: ['TARIFF-E2E'],
      cdr: {
        id: cdrId,
        total_cost: { excl_vat: 10, incl_vat: 12.1 },
        tariffs: [E2E_TARIFF.tariff],
      },
    });

    const correction = {
      total_cost: { excl_vat: 8, incl_vat: 9.68 },
      total_energy_cost: { excl_vat: 8, incl_vat: 9.68 },
      remark: 'e2e goodwill',
    };
    expect(
      (await api(`/api/v1/cdrs/${randomUUID()}/corrections`, { body: correction })).status,
    ).toBe(404);
    expect(
      (await api(`/api/v1/cdrs/${cdrId}/corrections`, { body: { total_cost: { excl_vat: -1 } } }))
        .status,
    ).toBe(400);
    expect(
      (await api(`/api/v1/cdrs/${cdrId}/corrections`, { body: correction, key: null })).status,
    ).toBe(401);
    const corrected = await api(`/api/v1/cdrs/${cdrId}/corrections`, { body: correction });
    expect(corrected.status).toBe(201);
    const result = (await corrected.json()) as {
      credit: { id: string; kind: string; cdr: Record<string, unknown> };
      corrected: { id: string; kind: string; cdr: Record<string, unknown> };
    };
    expect(result.credit).toMatchObject({
      kind: 'CREDIT',
      cdr: {
        credit: true,
        credit_reference_id: cdrId,
        total_cost: { excl_vat: -10, incl_vat: -12.1 },
        total_energy_cost: { excl_vat: 10, incl_vat: 12.1 },
      },
    });
    expect(result.corrected).toMatchObject({
      kind: 'CORRECTION',
      cdr: { total_cost: correction.total_cost, remark: 'e2e goodwill' },
    });
    expect(result.corrected.cdr).not.toHaveProperty('credit');

    await waitForCdrs(sessionId, 3);
    await settle();
    const events = createdOf(sessionId);
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.cdrId === result.credit.id)).toMatchObject({
      credit: true,
      creditReferenceId: cdrId,
      totalCost: { exclVat: -10, inclVat: -12.1 },
    });
    expect(events.find((e) => e.cdrId === result.corrected.id)).toMatchObject({
      credit: false,
      totalCost: { exclVat: 8, inclVat: 9.68 },
    });

    // The original is credited once; a credit CDR cannot be corrected.
    expect((await api(`/api/v1/cdrs/${cdrId}/corrections`, { body: correction })).status).toBe(409);
    expect(
      (await api(`/api/v1/cdrs/${result.credit.id}/corrections`, { body: correction })).status,
    ).toBe(409);
    const original = (await (await api(`/api/v1/cdrs/${cdrId}`)).json()) as { creditedBy: string };
    expect(original.creditedBy).toBe(result.credit.id);

    const list = await api(`/api/v1/cdrs?session_id=${sessionId}&limit=2`);
    expect(list.status).toBe(200);
    const page = (await list.json()) as { total: number; data: { id: string }[] };
    expect(page.total).toBe(3);
    expect(page.data).toHaveLength(2);
    const rest = (await (await api(`/api/v1/cdrs?session_id=${sessionId}&offset=2`)).json()) as {
      data: { id: string }[];
    };
    expect(new Set([...page.data, ...rest.data].map((d) => d.id))).toEqual(
      new Set([cdrId, result.credit.id, result.corrected.id]),
    );
    const outOfRange = (await (
      await api(`/api/v1/cdrs?session_id=${sessionId}&date_from=2025-03-15T00:00:00Z`)
    ).json()) as { total: number };
    expect(outOfRange.total).toBe(0);
    const inRange = (await (
      await api(
        `/api/v1/cdrs?session_id=${sessionId}&date_from=2025-03-14T00:00:00Z&date_to=2025-03-15T00:00:00Z`,
      )
    ).json()) as { total: number };
    expect(inRange.total).toBe(3);
  });

  it('yields exactly one CDR per session when cdr-billing is SIGKILLed and restarted mid-stream', async () => {
    const sessions = Array.from({ length: 60 }, () => randomUUID());
    await send(sessions.map((s) => record(Topics.SessionCompleted, completed(s))));
    const ratings = sessions.map((s) => record(Topics.RatingSessionRated, rated(s)));
    await send(ratings.slice(0, 30));
    // Kill it while it turns the first ratings into CDRs.
    await waitFor(
      async () => sessions.filter((s) => createdOf(s).length > 0).length,
      (n) => n >= 1,
      { timeoutMs: 30_000, intervalMs: 10, what: 'the first CDRs' },
    );
    await service.stop('SIGKILL');
    // While it is down: the rest, duplicates of the first half, and re-sent completions.
    await send([
      ...ratings.slice(30),
      ...ratings.slice(0, 30),
      ...sessions.slice(0, 10).map((s) => record(Topics.SessionCompleted, completed(s))),
    ]);
    service = await startService();

    await waitFor(
      async () => sessions.filter((s) => createdOf(s).length > 0).length,
      (n) => n === sessions.length,
      { timeoutMs: 90_000, what: 'a CDR for every session' },
    );
    await settle();
    const perSession = new Set(sessions.map((s) => new Set(createdOf(s).map((c) => c.cdrId)).size));
    expect([...perSession]).toEqual([1]);
    const rows = await db.query(
      `SELECT "session_id", count(*)::int AS n FROM "cdr_billing"."cdrs"
       WHERE "session_id" = ANY($1) GROUP BY "session_id"`,
      [sessions],
    );
    expect(rows.rows).toHaveLength(sessions.length);
    expect(rows.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });
});
