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
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-cpo Sessions + CDRs Sender (ADR 0065) as a real process on real Kafka and PostgreSQL, with
 * scripted eMSP peers registered through the real credentials handshake. session-engine,
 * tariff-rating and cdr-billing are played by this test: it publishes their events. Checklist items
 * of /work/shared/design/ocpi-essentials.md are cited as [SES ›…], [CDR ›…], [T&F ›…].
 */
const run = randomUUID().slice(0, 6).toUpperCase();
const PARTY_A = `A${run.slice(0, 2)}`;
const PARTY_B = `B${run.slice(0, 2)}`;
const LOC = `L-${run}`;

const ocpiTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const at = (minutes: number) => ocpiTime(T0 + minutes * 60_000);

const period = (minute: number, kwh: number) => ({
  start_date_time: at(minute),
  dimensions: [
    { type: 'ENERGY', volume: kwh },
    { type: 'TIME', volume: 0.1 },
  ],
});

interface SessionSpec {
  id: string;
  party: string;
  status?: string;
  kwh?: number;
  minute: number;
  periods?: unknown[];
  evseUid?: string;
  end?: string;
}

function ocpiSession(s: SessionSpec) {
  const session: Record<string, unknown> = {
    country_code: 'NL',
    party_id: 'VLT',
    id: s.id,
    start_date_time: at(0),
    kwh: s.kwh ?? 0,
    cdr_token: {
      country_code: 'DE',
      party_id: s.party,
      uid: `TOK-${run}`,
      type: 'RFID',
      contract_id: `DE-${s.party}-C1`,
    },
    auth_method: 'AUTH_REQUEST',
    location_id: LOC,
    evse_uid: s.evseUid ?? `${LOC}-E1`,
    connector_id: '1',
    currency: 'EUR',
    charging_periods: s.periods ?? [],
    status: s.status ?? 'ACTIVE',
    last_updated: at(s.minute),
  };
  if (s.end) session.end_date_time = s.end;
  return session;
}

interface CdrSpec extends Record<string, unknown> {
  id: string;
  session_id: string;
  start_date_time: string;
  end_date_time: string;
  cdr_token: Record<string, string> & { party_id: string };
  total_cost: { excl_vat: number; incl_vat: number };
  credit?: boolean;
  credit_reference_id?: string;
}

function cdr(id: string, party: string, extra: Record<string, unknown> = {}): CdrSpec {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id,
    start_date_time: at(0),
    end_date_time: at(30),
    session_id: randomUUID(),
    cdr_token: {
      country_code: 'DE',
      party_id: party,
      uid: `TOK-${run}`,
      type: 'RFID',
      contract_id: `DE-${party}-C1`,
    },
    auth_method: 'AUTH_REQUEST',
    cdr_location: {
      id: LOC,
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      evse_uid: `${LOC}-E1`,
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
    ...extra,
  };
}

describe('ocpi-cpo sessions + cdrs Sender (real process, Kafka, PostgreSQL, scripted eMSPs)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const peers: ScriptedOcpiPeer[] = [];
  let kafka: KafkaPlatform;
  let db: Pool;
  let peerA: ScriptedOcpiPeer;
  let peerB: ScriptedOcpiPeer;
  let tokenA: string;
  let tokenB: string;
  /** While true, peer A's CDR endpoint answers 503 (the eMSP is down). */
  let cdrsDown = false;
  const versionsUrl = () => `${cpo.baseUrl}/ocpi/cpo/versions`;
  const sessionsUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/sessions`;
  const cdrsUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/cdrs`;
  const ok = () => ({ status_code: 1000, timestamp: new Date().toISOString() });

  async function send(topic: TopicName, data: unknown): Promise<void> {
    const producer = topic.startsWith('rating.')
      ? 'tariff-rating'
      : topic.startsWith('billing.')
        ? 'cdr-billing'
        : 'session-engine';
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

  const base = (sessionId: string, revision: number) => ({
    sessionId,
    countryCode: 'NL',
    partyId: 'VLT',
    revision,
    stationId: `CP-${run}`,
    transactionId: '1001',
  });

  const started = (s: SessionSpec, revision = 1) =>
    send(Topics.SessionStarted, {
      ...base(s.id, revision),
      connectorId: 1,
      tokenUid: `TOK-${run}`,
      tokenType: 'RFID',
      emspCountryCode: 'DE',
      emspPartyId: s.party,
      authMethod: 'AUTH_REQUEST',
      meterStartWh: 1000,
      startedAt: new Date(T0).toISOString(),
      session: ocpiSession(s),
    });

  const updated = (s: SessionSpec, revision: number) =>
    send(Topics.SessionUpdated, {
      ...base(s.id, revision),
      status: s.status ?? 'ACTIVE',
      energyWh: Math.round((s.kwh ?? 0) * 1000),
      lastMeterReadingAt: new Date(T0 + s.minute * 60_000).toISOString(),
      session: ocpiSession(s),
    });

  const completed = (s: SessionSpec, revision: number) =>
    send(Topics.SessionCompleted, {
      ...base(s.id, revision),
      tokenUid: `TOK-${run}`,
      emspCountryCode: 'DE',
      emspPartyId: s.party,
      startedAt: new Date(T0).toISOString(),
      endedAt: new Date(T0 + s.minute * 60_000).toISOString(),
      meterStartWh: 1000,
      meterStopWh: 1000 + Math.round((s.kwh ?? 0) * 1000),
      energyWh: Math.round((s.kwh ?? 0) * 1000),
      stopReason: 'Local',
      session: ocpiSession({ ...s, status: 'COMPLETED', end: at(s.minute) }),
    });

  /** Pending / invalidated sessions have no OCPP transaction. */
  const withoutTransaction = (sessionId: string, revision: number) => {
    const { transactionId: _none, ...rest } = base(sessionId, revision);
    return rest;
  };

  const pending = (s: SessionSpec) =>
    send(Topics.SessionPending, {
      ...withoutTransaction(s.id, 1),
      commandId: randomUUID(),
      tokenUid: `TOK-${run}`,
      tokenType: 'RFID',
      emspCountryCode: 'DE',
      emspPartyId: s.party,
      authMethod: 'COMMAND',
      createdAt: new Date(T0 + s.minute * 60_000).toISOString(),
      session: {
        ...ocpiSession({ ...s, status: 'PENDING' }),
        auth_method: 'COMMAND',
        // while PENDING: the creation time [SES › _Session_ Object]
        start_date_time: at(s.minute),
      },
    });

  const invalidated = (s: SessionSpec, revision: number) =>
    send(Topics.SessionInvalidated, {
      ...withoutTransaction(s.id, revision),
      reason: 'COMMAND_REJECTED',
      invalidatedAt: new Date(T0 + s.minute * 60_000).toISOString(),
      session: {
        ...ocpiSession({ ...s, status: 'INVALID', end: at(s.minute) }),
        auth_method: 'COMMAND',
      },
    });

  const costUpdated = (
    sessionId: string,
    sessionRevision: number,
    totalCost: { exclVat: number; inclVat: number },
    minute: number,
  ) =>
    send(Topics.RatingSessionCostUpdated, {
      sessionId,
      sessionRevision,
      tariffId: `T-${run}`,
      currency: 'EUR',
      totalCost,
      energyWh: 1000,
      calculatedAt: new Date(T0 + minute * 60_000 + 412).toISOString(),
    });

  const cdrCreated = (c: CdrSpec) =>
    send(Topics.CdrCreated, {
      cdrId: c.id,
      sessionId: c.session_id,
      countryCode: 'NL',
      partyId: 'VLT',
      emspCountryCode: 'DE',
      emspPartyId: c.cdr_token.party_id,
      currency: 'EUR',
      totalCost: { exclVat: c.total_cost.excl_vat, inclVat: c.total_cost.incl_vat },
      totalEnergyWh: 10_000,
      startDateTime: c.start_date_time,
      endDateTime: c.end_date_time,
      credit: c.credit === true,
      ...(c.credit === true ? { creditReferenceId: c.credit_reference_id } : {}),
      cdr: c,
    });

  /** A scripted eMSP with Sessions + CDRs Receiver endpoints. */
  async function registeredEmsp(partyId: string) {
    const peer = await new ScriptedOcpiPeer({ countryCode: 'DE', partyId, role: 'EMSP' }).start();
    peers.push(peer);
    peer.endpoints.push(
      { identifier: 'sessions', role: 'RECEIVER', path: 'sessions' },
      { identifier: 'cdrs', role: 'RECEIVER', path: 'cdrs' },
    );
    peer.handlers.push((req) => {
      if (req.path.startsWith('/ocpi/2.2.1/sessions/')) return { status: 200, body: ok() };
      if (req.path === '/ocpi/2.2.1/cdrs' && req.method === 'POST') {
        if (cdrsDown) {
          return { status: 503, body: { status_code: 3000, timestamp: new Date().toISOString() } };
        }
        const id = (req.body as { id: string }).id;
        return {
          status: 201,
          body: ok(),
          headers: { location: `${peer.baseUrl}/2.2.1/cdrs/stored/${id}` },
        };
      }
      return undefined;
    });
    const partner = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: `e2e ${partyId}`,
      roles: [{ country_code: 'DE', party_id: partyId, role: 'EMSP' }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await peer.registerWith(versionsUrl(), partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string };
  }

  const sessionRequests = (peer: ScriptedOcpiPeer, sessionId: string): RecordedRequest[] =>
    peer.requests.filter((r) => r.path === `/ocpi/2.2.1/sessions/NL/VLT/${sessionId}`);

  const waitSessionRequests = (peer: ScriptedOcpiPeer, sessionId: string, n: number) =>
    waitFor(
      async () => sessionRequests(peer, sessionId),
      (list) => list.length >= n,
      { timeoutMs: 30_000, what: `${n} pushes of session ${sessionId}` },
    );

  const cdrPosts = (peer: ScriptedOcpiPeer, id: string) =>
    peer.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/ocpi/2.2.1/cdrs' &&
        (r.body as { id?: string } | undefined)?.id === id,
    );

  const settle = (ms = 2_000) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-cpo-ses-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.SessionPending,
      Topics.SessionStarted,
      Topics.SessionUpdated,
      Topics.SessionCompleted,
      Topics.SessionInvalidated,
      Topics.RatingSessionCostUpdated,
      Topics.CdrCreated,
    ]);
    await cpo.start();
    db = new Pool({ connectionString: cpo.databaseUrl, max: 1 });
    const a = await registeredEmsp(PARTY_A);
    const b = await registeredEmsp(PARTY_B);
    peerA = a.peer;
    tokenA = a.token;
    peerB = b.peer;
    tokenB = b.token;
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await db?.end();
    await cpo.destroy();
    await kafka?.disconnect();
  });

  it('advertises sessions and cdrs as SENDER interfaces [VER › Endpoint _class_]', async () => {
    const versions = await peerA.call('GET', versionsUrl(), tokenA);
    const details = await peerA.call('GET', versions.body.data[0].url, tokenA);
    expect(details.body.data.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'sessions', role: 'SENDER', url: sessionsUrl() },
        { identifier: 'cdrs', role: 'SENDER', url: cdrsUrl() },
      ]),
    );
  });

  it('PUTs a new session to its token eMSP, PATCHes only the changes in order, PUTs the final state; the other eMSP gets nothing [SES › Push model] [SES › *PATCH* Method]', async () => {
    const id = randomUUID();
    const s = { id, party: PARTY_A };
    const p1 = period(0, 1.5);
    const p2 = period(10, 2);

    await started({ ...s, minute: 0 }, 1);
    await waitSessionRequests(peerA, id, 1);
    // the open period (still growing at session-engine) is held back: kwh only
    await updated({ ...s, minute: 5, kwh: 1.5, periods: [p1] }, 2);
    await waitSessionRequests(peerA, id, 2);
    await costUpdated(id, 2, { exclVat: 0.585, inclVat: 0.71 }, 6);
    await waitSessionRequests(peerA, id, 3);
    // p1 closed when p2 began: appended, only p1
    await updated({ ...s, minute: 15, kwh: 3.5, periods: [p1, p2] }, 3);
    await waitSessionRequests(peerA, id, 4);
    // an older revision arriving late is dropped (nothing sent)
    await updated({ ...s, minute: 4, kwh: 1.2, periods: [p1] }, 2);
    await completed({ ...s, minute: 20, kwh: 4, periods: [p1, p2] }, 4);
    const requests = await waitSessionRequests(peerA, id, 5);
    await settle(1_000);

    const pushed = sessionRequests(peerA, id);
    expect(pushed.map((r) => r.method)).toEqual(['PUT', 'PATCH', 'PATCH', 'PATCH', 'PUT']);
    expect(requests[0].body).toEqual(ocpiSession({ ...s, minute: 0 }));
    expect(pushed[1].body).toEqual({ kwh: 1.5, last_updated: at(5) });
    expect(pushed[2].body).toEqual({
      total_cost: { excl_vat: 0.585, incl_vat: 0.71 },
      last_updated: new Date(T0 + 6 * 60_000 + 412).toISOString(),
    });
    expect(pushed[3].body).toEqual({ kwh: 3.5, charging_periods: [p1], last_updated: at(15) });
    // final PUT: everything, all periods, the live cost kept [SES › *PUT* Method]
    expect(pushed[4].body).toEqual({
      ...ocpiSession({
        ...s,
        minute: 20,
        kwh: 4,
        periods: [p1, p2],
        status: 'COMPLETED',
        end: at(20),
      }),
      total_cost: { excl_vat: 0.585, incl_vat: 0.71 },
    });
    // routing headers name the token's eMSP [T&F › Message Routing Headers]
    expect(pushed[0].headers['ocpi-to-party-id']).toBe(PARTY_A);
    expect(pushed[0].headers['ocpi-from-party-id']).toBe('VLT');
    // never to the other eMSP [CDR › Push model]: "only to the eMSP it concerns"
    expect(peerB.requests.filter((r) => r.path.includes(id))).toEqual([]);
  });

  it('remote start: PENDING is PUT, going ACTIVE is a PATCH (status, start_date_time); a start that never happens ends INVALID by a final PUT [SES › SessionStatus _enum_]', async () => {
    const id = randomUUID();
    await pending({ id, party: PARTY_A, minute: 60 });
    await waitSessionRequests(peerA, id, 1);
    await started({ id, party: PARTY_A, minute: 61 }, 2);
    const pushed = await waitSessionRequests(peerA, id, 2);
    expect(pushed.map((r) => r.method)).toEqual(['PUT', 'PATCH']);
    expect((pushed[0].body as TestJson).status).toBe('PENDING');
    expect(pushed[1].body).toEqual({
      status: 'ACTIVE',
      start_date_time: at(0),
      auth_method: 'AUTH_REQUEST',
      last_updated: at(61),
    });

    const never = randomUUID();
    await pending({ id: never, party: PARTY_A, minute: 62 });
    await waitSessionRequests(peerA, never, 1);
    await invalidated({ id: never, party: PARTY_A, minute: 63 }, 2);
    const ended = await waitSessionRequests(peerA, never, 2);
    expect(ended[1].method).toBe('PUT');
    expect(ended[1].body).toEqual({
      ...ocpiSession({ id: never, party: PARTY_A, minute: 63, status: 'INVALID', end: at(63) }),
      auth_method: 'COMMAND',
    });
  });

  it('keeps per-session order over a burst of updates: PATCHes arrive in revision order', async () => {
    const id = randomUUID();
    const s = { id, party: PARTY_A };
    await started({ ...s, minute: 0 }, 1);
    for (let rev = 2; rev <= 21; rev++) await updated({ ...s, minute: rev, kwh: rev / 10 }, rev);
    await waitFor(
      async () => sessionRequests(peerA, id),
      (list) => list.some((r) => (r.body as TestJson)?.kwh === 2.1),
      { timeoutMs: 30_000, what: 'the last PATCH' },
    );
    const pushed = sessionRequests(peerA, id);
    expect(pushed[0].method).toBe('PUT');
    const kwhs = pushed.slice(1).map((r) => (r.body as TestJson).kwh as number);
    expect(pushed.slice(1).every((r) => r.method === 'PATCH')).toBe(true);
    expect(kwhs).toEqual([...kwhs].sort((a, b) => a - b));
    expect(new Set(kwhs).size).toBe(kwhs.length);
  });

  it('a session of a token of no registered eMSP is pushed to nobody but stored', async () => {
    const id = randomUUID();
    await started({ id, party: 'ZZZ', minute: 0 }, 1);
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM ocpi_cpo.sessions WHERE session_id = $1`, [id])).rowCount,
      (n) => n === 1,
      { timeoutMs: 30_000, what: 'the stored session' },
    );
    await settle(500);
    expect([...peerA.requests, ...peerB.requests].filter((r) => r.path.includes(id))).toEqual([]);
  });

  it('GET /sessions: date_from required (2001), only the caller’s sessions, paginated [SES › Request Parameters] [T&F › Paginated Response]', async () => {
    const missing = await peerA.call('GET', sessionsUrl(), tokenA);
    expect(missing.status).toBe(400);
    expect(missing.body.status_code).toBe(2001);

    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) await started({ id, party: PARTY_A, minute: 30 + i }, 1);
    const bId = randomUUID();
    await started({ id: bId, party: PARTY_B, minute: 31 }, 1);
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM ocpi_cpo.sessions WHERE session_id = ANY($1) AND session IS NOT NULL`,
            [[...ids, bId]],
          )
        ).rowCount,
      (n) => n === 4,
      { timeoutMs: 30_000, what: 'stored sessions' },
    );

    const from = encodeURIComponent(at(30));
    const to = encodeURIComponent(at(33));
    const page1 = await peerA.call(
      'GET',
      `${sessionsUrl()}?date_from=${from}&date_to=${to}&limit=2`,
      tokenA,
    );
    expect(page1.status).toBe(200);
    expect(page1.body.status_code).toBe(1000);
    expect(page1.body.data.map((x: TestJson) => x.id)).toEqual(ids.slice(0, 2));
    expect(page1.headers.get('x-total-count')).toBe('3');
    expect(page1.headers.get('x-limit')).toBe('100');
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get('link') ?? '')?.[1];
    expect(next).toContain('offset=2');
    const page2 = await peerA.call('GET', next as string, tokenA);
    expect(page2.body.data.map((x: TestJson) => x.id)).toEqual([ids[2]]);
    expect(page2.headers.get('link')).toBeNull();
    // date_from inclusive, date_to exclusive
    const edge = await peerA.call(
      'GET',
      `${sessionsUrl()}?date_from=${encodeURIComponent(at(31))}&date_to=${encodeURIComponent(at(32))}`,
      tokenA,
    );
    expect(edge.body.data.map((x: TestJson) => x.id)).toEqual([ids[1]]);

    // isolation: B sees only its own session, never A's
    const asB = await peerB.call('GET', `${sessionsUrl()}?date_from=${from}&date_to=${to}`, tokenB);
    expect(asB.body.data.map((x: TestJson) => x.id)).toEqual([bId]);
    // offset beyond total: empty page, no Link
    const beyond = await peerA.call(
      'GET',
      `${sessionsUrl()}?date_from=${from}&date_to=${to}&offset=10`,
      tokenA,
    );
    expect(beyond.body.data).toEqual([]);
    expect(beyond.headers.get('x-total-count')).toBe('3');
    expect(beyond.headers.get('link')).toBeNull();
    // limit above the server's maximum is capped (X-Limit) [T&F › Paginated Request]
    const capped = await peerA.call(
      'GET',
      `${sessionsUrl()}?date_from=${from}&date_to=${to}&limit=5000`,
      tokenA,
    );
    expect(capped.body.data).toHaveLength(3);
    expect(capped.headers.get('x-limit')).toBe('100');
    // a date_from that is no DateTime → 2001
    const badDate = await peerA.call('GET', `${sessionsUrl()}?date_from=yesterday`, tokenA);
    expect(badDate.status).toBe(400);
    expect(badDate.body.status_code).toBe(2001);
    // no token → 401 envelope
    const anonymous = await peerA.call('GET', `${sessionsUrl()}?date_from=${from}`, undefined);
    expect(anonymous.status).toBe(401);
  });

  it('PUT charging_preferences: owner only, EVSE must be CHARGING_PREFERENCES_CAPABLE (404 + 2001), ACCEPTED / NOT_POSSIBLE [SES › *PUT* Method]', async () => {
    const put = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC}`, {
      publish: true,
      name: 'Voltlane e2e',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [1, 2].map((n) => ({
        uid: `${LOC}-E${n}`,
        status: 'AVAILABLE',
        capabilities: n === 1 ? ['CHARGING_PREFERENCES_CAPABLE'] : ['REMOTE_START_STOP_CAPABLE'],
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2',
            format: 'SOCKET',
            power_type: 'AC_3_PHASE',
            max_voltage: 230,
            max_amperage: 32,
          },
        ],
        ocpp: { station_id: `CP-${run}-${n}`, connector_id: 1 },
      })),
    });
    expect(put.status).toBeLessThan(300);
    const capable = randomUUID();
    const notCapable = randomUUID();
    await started({ id: capable, party: PARTY_A, minute: 40, evseUid: `${LOC}-E1` }, 1);
    await started({ id: notCapable, party: PARTY_A, minute: 40, evseUid: `${LOC}-E2` }, 1);
    await waitSessionRequests(peerA, capable, 1);
    await waitSessionRequests(peerA, notCapable, 1);

    const prefs = {
      profile_type: 'FAST',
      departure_time: ocpiTime(Date.now() + 3_600_000),
      energy_need: 20,
    };
    const url = (id: string) => `${sessionsUrl()}/${id}/charging_preferences`;
    const accepted = await peerA.call('PUT', url(capable), tokenA, prefs);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual(expect.objectContaining({ status_code: 1000, data: 'ACCEPTED' }));

    const pastDeparture = await peerA.call('PUT', url(capable), tokenA, {
      ...prefs,
      departure_time: ocpiTime(Date.now() - 60_000),
    });
    expect(pastDeparture.body.data).toBe('NOT_POSSIBLE');

    const noCapability = await peerA.call('PUT', url(notCapable), tokenA, prefs);
    expect(noCapability.status).toBe(404);
    expect(noCapability.body.status_code).toBe(2001);

    // someone else's session looks unknown [T&F › Errors]
    const otherPartner = await peerB.call('PUT', url(capable), tokenB, prefs);
    expect(otherPartner.status).toBe(404);
    const unknown = await peerA.call('PUT', url(randomUUID()), tokenA, prefs);
    expect(unknown.status).toBe(404);
    expect(unknown.body.status_code).toBe(2001);

    const invalid = await peerA.call('PUT', url(capable), tokenA, { profile_type: 'TURBO' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.status_code).toBe(2001);

    await completed({ id: capable, party: PARTY_A, minute: 50, kwh: 1 }, 2);
    await waitFor(
      async () => sessionRequests(peerA, capable),
      (list) => list.some((r) => (r.body as TestJson)?.status === 'COMPLETED'),
      { timeoutMs: 30_000, what: 'the final PUT' },
    );
    const afterEnd = await peerA.call('PUT', url(capable), tokenA, prefs);
    expect(afterEnd.body.data).toBe('NOT_POSSIBLE');
  });

  it('POSTs a CDR to its token eMSP exactly once across an outage of the eMSP, a restart of ocpi-cpo and duplicate events; records its Location; GET /cdrs per owner [CDR › POST Method] [CDR › Response Headers]', async () => {
    cdrsDown = true;
    const c = cdr(`CDR-${run}-1`, PARTY_A);
    await cdrCreated(c);
    await cdrCreated(c); // a duplicate of the event (a producer retry): same CDR id
    // the eMSP is down: attempts fail and are retried with backoff
    await waitFor(
      async () => cdrPosts(peerA, c.id).length,
      (n) => n >= 2,
      { timeoutMs: 30_000, what: 'retried CDR POSTs' },
    );
    // ocpi-cpo restarts during the outage: the pending POST survives it (push queue in PostgreSQL)
    await cpo.stop();
    const failedAttempts = cdrPosts(peerA, c.id).length;
    cdrsDown = false;
    await cpo.start();
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT location FROM ocpi_cpo.cdr_deliveries WHERE cdr_key = $1 AND delivered_at IS NOT NULL`,
            [c.id.toUpperCase()],
          )
        ).rows,
      (rows) => rows.length === 1,
      { timeoutMs: 60_000, what: 'the delivered CDR' },
    );
    await cdrCreated(c); // and once more after delivery
    await settle(3_000);
    const posts = cdrPosts(peerA, c.id);
    // exactly one accepted POST: all attempts but the last were answered 503
    expect(posts.length).toBe(failedAttempts + 1);
    expect(posts.at(-1)?.body).toEqual(c);
    const delivered = await db.query(
      `SELECT location FROM ocpi_cpo.cdr_deliveries WHERE cdr_key = $1`,
      [c.id.toUpperCase()],
    );
    expect(delivered.rows).toEqual([{ location: `${peerA.baseUrl}/2.2.1/cdrs/stored/${c.id}` }]);
    expect(peerB.requests.filter((r) => r.path === '/ocpi/2.2.1/cdrs')).toEqual([]);

    // a credit CDR is sent too [CDR › Credit CDRs]
    const credit = cdr(`CDR-${run}-1-C`, PARTY_A, {
      credit: true,
      credit_reference_id: c.id,
      total_cost: { excl_vat: -3.9, incl_vat: -4.72 },
    });
    await cdrCreated(credit);
    await waitFor(
      async () => cdrPosts(peerA, credit.id).length,
      (n) => n === 1,
      { timeoutMs: 30_000, what: 'the credit CDR POST' },
    );

    const asA = await peerA.call('GET', cdrsUrl(), tokenA);
    expect(asA.status).toBe(200);
    expect(asA.body.data.map((x: TestJson) => x.id)).toEqual([c.id, credit.id]);
    expect(asA.headers.get('x-total-count')).toBe('2');
    const asB = await peerB.call('GET', cdrsUrl(), tokenB);
    expect(asB.body.data).toEqual([]);
    expect(asB.headers.get('x-total-count')).toBe('0');
  });
});
