import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  Topics,
  type TopicName,
} from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { Pool } from 'pg';
import { OcpiServiceProcess, type TestJson, waitFor } from '@voltlane/testing';

/**
 * Interoperability: ocpi-cpo pushes a session's PUT / PATCHes / final PUT and a CDR POST to our own
 * ocpi-emsp (a real OCPI Receiver, both as real processes on real Kafka + PostgreSQL, registered
 * with each other through their admin APIs). What the eMSP then holds — merged from our PATCHes —
 * must be what ocpi-cpo publishes (ADR 0065; [SES › *PATCH* Method] [CDR › Response Headers]).
 */
const run = randomUUID().slice(0, 6).toUpperCase();
const ocpiTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const at = (minutes: number) => ocpiTime(T0 + minutes * 60_000);

describe('ocpi-cpo → ocpi-emsp: sessions and CDRs as the eMSP receives them (real processes)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });
  let kafka: KafkaPlatform;
  let cpoDb: Pool;
  /** The token ocpi-cpo uses towards ocpi-emsp (to read what the eMSP stored, as the CPO). */
  let cpoToken: string;

  const session = (
    id: string,
    s: { minute: number; kwh?: number; periods?: unknown[]; status?: string },
  ) => ({
    country_code: 'NL',
    party_id: 'VLT',
    id,
    start_date_time: at(0),
    kwh: s.kwh ?? 0,
    cdr_token: {
      country_code: 'NL',
      party_id: 'VLE',
      uid: `TOK-${run}`,
      type: 'RFID',
      contract_id: 'NL-VLE-C1',
    },
    auth_method: 'AUTH_REQUEST',
    location_id: `L-${run}`,
    evse_uid: `L-${run}-E1`,
    connector_id: '1',
    currency: 'EUR',
    charging_periods: s.periods ?? [],
    status: s.status ?? 'ACTIVE',
    last_updated: at(s.minute),
    ...(s.status === 'COMPLETED' ? { end_date_time: at(s.minute) } : {}),
  });

  const period = (minute: number, kwh: number) => ({
    start_date_time: at(minute),
    dimensions: [
      { type: 'ENERGY', volume: kwh },
      { type: 'TIME', volume: 0.1 },
    ],
  });

  async function send(topic: TopicName, producer: string, data: unknown): Promise<void> {
    const envelope = createEnvelope(topic, data as never, {
      producer,
      correlationId: `e2e-${run}`,
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic,
        key: keyOf(topic, data as never),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);
  }

  const identity = (sessionId: string, revision: number) => ({
    sessionId,
    countryCode: 'NL',
    partyId: 'VLT',
    revision,
    stationId: `CP-${run}`,
    transactionId: '7',
  });

  const asCpo = async (url: string) => {
    const res = await fetch(url, {
      headers: { authorization: `Token ${Buffer.from(cpoToken).toString('base64')}` },
    });
    return { status: res.status, body: (await res.json()) as TestJson };
  };

  const atEmsp = (id: string) => asCpo(`${emsp.baseUrl}/ocpi/emsp/2.2.1/sessions/NL/VLT/${id}`);

  const emspHolds = (id: string, done: (s: TestJson) => boolean, what: string) =>
    waitFor(
      async () => {
        const res = await atEmsp(id);
        return res.status === 200 ? res.body.data : undefined;
      },
      (s) => s !== undefined && done(s),
      { timeoutMs: 30_000, what },
    );

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-cpo-emsp-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.SessionStarted,
      Topics.SessionUpdated,
      Topics.SessionCompleted,
      Topics.RatingSessionCostUpdated,
      Topics.CdrCreated,
    ]);
    await Promise.all([cpo.start(), emsp.start()]);
    const atCpo = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane eMSP',
      roles: [{ country_code: 'NL', party_id: 'VLE', role: 'EMSP' }],
    });
    expect(atCpo.status).toBe(201);
    const atEmspAdmin = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane CPO',
      roles: [{ country_code: 'NL', party_id: 'VLT', role: 'CPO' }],
    });
    expect(atEmspAdmin.status).toBe(201);
    const registered = await emsp.adminApi(
      'POST',
      `/admin/v1/partners/${atEmspAdmin.body.id}/register`,
      { versions_url: atCpo.body.versions_url, token: atCpo.body.token },
    );
    expect(registered.status).toBe(200);
    cpoDb = new Pool({ connectionString: cpo.databaseUrl, max: 1 });
    const token = await cpoDb.query(
      `SELECT client_token FROM ocpi_cpo.ocpi_partners WHERE id = $1`,
      [atCpo.body.id],
    );
    cpoToken = token.rows[0].client_token as string;
  }, 120_000);

  afterAll(async () => {
    await cpoDb?.end();
    await Promise.all([cpo.destroy(), emsp.destroy()]);
    await kafka?.disconnect();
  });

  it('the eMSP holds exactly our session after PUT, PATCHes (fields, cost, appended periods) and the final PUT', async () => {
    const id = randomUUID();
    const p1 = period(0, 1.5);
    const p2 = period(10, 2);
    await send(Topics.SessionStarted, 'session-engine', {
      ...identity(id, 1),
      connectorId: 1,
      tokenUid: `TOK-${run}`,
      tokenType: 'RFID',
      emspCountryCode: 'NL',
      emspPartyId: 'VLE',
      authMethod: 'AUTH_REQUEST',
      meterStartWh: 0,
      startedAt: new Date(T0).toISOString(),
      session: session(id, { minute: 0 }),
    });
    await emspHolds(id, (s) => s.status === 'ACTIVE', 'the PUT at the eMSP');

    const updated = (revision: number, s: Parameters<typeof session>[1]) =>
      send(Topics.SessionUpdated, 'session-engine', {
        ...identity(id, revision),
        status: 'ACTIVE',
        energyWh: Math.round((s.kwh ?? 0) * 1000),
        lastMeterReadingAt: new Date(Date.parse(at(s.minute))).toISOString(),
        session: session(id, s),
      });
    await updated(2, { minute: 5, kwh: 1.5, periods: [p1] });
    await emspHolds(id, (s) => s.kwh === 1.5, 'kwh 1.5 at the eMSP');
    // a cost in the same second as the session's last change: still a newer last_updated
    await send(Topics.RatingSessionCostUpdated, 'tariff-rating', {
      sessionId: id,
      sessionRevision: 2,
      tariffId: `T-${run}`,
      currency: 'EUR',
      totalCost: { exclVat: 0.585, inclVat: 0.71 },
      energyWh: 1500,
      calculatedAt: new Date(Date.parse(at(5))).toISOString(),
    });
    await emspHolds(id, (s) => s.total_cost?.excl_vat === 0.585, 'the cost at the eMSP');
    await updated(3, { minute: 15, kwh: 3.5, periods: [p1, p2] });
    const running = await emspHolds(id, (s) => s.kwh === 3.5, 'kwh 3.5 at the eMSP');
    expect(running.charging_periods).toEqual([p1]);
    expect(running.total_cost).toEqual({ excl_vat: 0.585, incl_vat: 0.71 });

    await send(Topics.SessionCompleted, 'session-engine', {
      ...identity(id, 4),
      tokenUid: `TOK-${run}`,
      emspCountryCode: 'NL',
      emspPartyId: 'VLE',
      startedAt: new Date(T0).toISOString(),
      endedAt: new Date(Date.parse(at(20))).toISOString(),
      meterStartWh: 0,
      meterStopWh: 4000,
      energyWh: 4000,
      stopReason: 'Local',
      session: session(id, { minute: 20, kwh: 4, periods: [p1, p2], status: 'COMPLETED' }),
    });
    const final = await emspHolds(id, (s) => s.status === 'COMPLETED', 'the final PUT');
    const ours = await cpoDb.query(`SELECT session FROM ocpi_cpo.sessions WHERE session_id = $1`, [
      id,
    ]);
    expect(final).toEqual(expect.objectContaining(ours.rows[0].session));
    expect(final.charging_periods).toEqual([p1, p2]);
  });

  it('the eMSP stores our CDR and we record where (its Location), which serves the CDR to us', async () => {
    const id = `CDR-${run}`;
    const cdr = {
      country_code: 'NL',
      party_id: 'VLT',
      id,
      start_date_time: at(0),
      end_date_time: at(30),
      session_id: randomUUID(),
      cdr_token: {
        country_code: 'NL',
        party_id: 'VLE',
        uid: `TOK-${run}`,
        type: 'RFID',
        contract_id: 'NL-VLE-C1',
      },
      auth_method: 'AUTH_REQUEST',
      cdr_location: {
        id: `L-${run}`,
        address: 'Gustav Mahlerlaan 10',
        city: 'Amsterdam',
        postal_code: '1082PP',
        country: 'NLD',
        coordinates: { latitude: '52.338430', longitude: '4.872130' },
        evse_uid: `L-${run}-E1`,
        evse_id: 'NL*VLT*E1',
        connector_id: '1',
        connector_standard: 'IEC_62196_T2',
        connector_format: 'SOCKET',
        connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR',
      charging_periods: [{ start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 10 }] }],
      total_cost: { excl_vat: 3.9, incl_vat: 4.72 },
      total_energy: 10,
      total_time: 0.5,
      last_updated: ocpiTime(Date.now()),
    };
    await send(Topics.CdrCreated, 'cdr-billing', {
      cdrId: id,
      sessionId: cdr.session_id,
      countryCode: 'NL',
      partyId: 'VLT',
      emspCountryCode: 'NL',
      emspPartyId: 'VLE',
      currency: 'EUR',
      totalCost: { exclVat: 3.9, inclVat: 4.72 },
      totalEnergyWh: 10_000,
      startDateTime: cdr.start_date_time,
      endDateTime: cdr.end_date_time,
      credit: false,
      cdr,
    });
    const [delivery] = await waitFor(
      async () =>
        (
          await cpoDb.query(
            `SELECT location FROM ocpi_cpo.cdr_deliveries WHERE cdr_key = $1 AND delivered_at IS NOT NULL`,
            [id.toUpperCase()],
          )
        ).rows as { location: string | null }[],
      (rows) => rows.length === 1,
      { timeoutMs: 30_000, what: 'the CDR delivered to ocpi-emsp' },
    );
    expect(delivery.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ocpi\/emsp\/2\.2\.1\/cdrs\//);
    const stored = await asCpo(delivery.location as string);
    expect(stored.status).toBe(200);
    expect(stored.body.data).toEqual(expect.objectContaining({ id, total_energy: 10 }));
  });
});
