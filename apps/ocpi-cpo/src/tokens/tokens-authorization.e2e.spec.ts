import { randomUUID } from 'node:crypto';
import {
  type AuthorizationDecidedV1,
  createEnvelope,
  keyOf,
  type TokenUpsertedV1,
  toHeaders,
  Topics,
} from '@voltlane/contracts-events';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-cpo Tokens Receiver and real-time authorization (ADR 0066) as a real process on real Kafka
 * and PostgreSQL, scripted eMSPs registered through the real credentials handshake. Checklist
 * items of /work/shared/design/ocpi-essentials.md are cited as [TOK ›…], [T&F ›…].
 */
jest.setTimeout(120_000);

const run = randomUUID().slice(0, 8);
const UID = (n: string) => `T${run}${n}`.toUpperCase();
const STATION = `CP-TOK-${run}`;
const LOCATION = `L-TOK-${run}`;
const EVSE = `E-TOK-${run}-1`;
const RTA_TIMEOUT_MS = 1_000;

function token(uid: string, extra: Record<string, unknown> = {}) {
  return {
    country_code: 'DE',
    party_id: 'EA1',
    uid,
    type: 'RFID',
    contract_id: `DE-EA1-C${run}`,
    issuer: 'Scripted eMSP',
    valid: true,
    whitelist: 'ALLOWED',
    last_updated: '2026-01-01T10:00:00Z',
    ...extra,
  };
}

describe('ocpi-cpo tokens Receiver + real-time authorization (real process, Kafka, PostgreSQL)', () => {
  const cpo = new OcpiServiceProcess({
    app: 'ocpi-cpo',
    countryCode: 'NL',
    partyId: 'VLT',
    env: { OCPI_REALTIME_AUTHORIZATION_TIMEOUT_MS: String(RTA_TIMEOUT_MS) },
  });
  const peers: ScriptedOcpiPeer[] = [];
  const upserted: TokenUpsertedV1[] = [];
  const decided: AuthorizationDecidedV1[] = [];
  let kafka: KafkaPlatform;
  let emspA: ScriptedOcpiPeer;
  let tokenA: string;
  let emspB: ScriptedOcpiPeer;
  let tokenB: string;
  let tokenAOfA: string;
  /** What emsp A answers to `POST tokens/{uid}/authorize`, per uid. */
  const authorizeAnswers = new Map<string, { status: number; body: unknown; delayMs?: number }>();

  const tokensUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/tokens`;
  const url = (cc: string, pid: string, uid: string, query = '') =>
    `${tokensUrl()}/${cc}/${pid}/${uid}${query}`;

  async function registeredEmsp(partyId: string, role = 'EMSP', countryCode = 'DE') {
    const peer = await new ScriptedOcpiPeer({ countryCode, partyId, role }).start();
    peers.push(peer);
    peer.endpoints.push({ identifier: 'tokens', role: 'SENDER', path: 'tokens' });
    peer.handlers.push((req) => {
      const m = /^\/ocpi\/2\.2\.1\/tokens\/([^/]+)\/authorize$/.exec(req.path);
      if (!m || req.method !== 'POST') return undefined;
      const answer = authorizeAnswers.get(decodeURIComponent(m[1]));
      if (!answer) return { status: 404, body: envelope(undefined, 2004) };
      return answer;
    });
    const partner = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: `e2e ${partyId}`,
      roles: [{ country_code: countryCode, party_id: partyId, role }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await peer.registerWith(
      `${cpo.baseUrl}/ocpi/cpo/versions`,
      partner.body.token,
    );
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string, tokenA: partner.body.token as string };
  }

  const envelope = (data: unknown, status_code = 1000) => ({
    data,
    status_code,
    timestamp: new Date().toISOString(),
  });

  const authorizationInfo = (uid: string, allowed: string, reference?: string) => ({
    status: 200,
    body: envelope({
      allowed,
      token: token(uid, { whitelist: 'NEVER' }),
      ...(reference ? { authorization_reference: reference } : {}),
    }),
  });

  async function requestAuthorization(
    idTag: string,
    connectorId = 1,
    stationId = STATION,
  ): Promise<string> {
    const requestId = randomUUID();
    const data = {
      requestId,
      stationId,
      connectorId,
      idTag,
      requestedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 5_000).toISOString(),
    };
    const env = createEnvelope(Topics.OcppAuthorizationRequested, data, {
      producer: 'ocpp-gateway',
      correlationId: requestId,
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic: Topics.OcppAuthorizationRequested,
        key: keyOf(Topics.OcppAuthorizationRequested, data),
        value: JSON.stringify(env),
        headers: toHeaders(env),
      },
    ]);
    return requestId;
  }

  const decisionOf = (requestId: string) =>
    waitFor(
      async () => decided.filter((d) => d.requestId === requestId),
      (list) => list.length > 0,
      { timeoutMs: 30_000, what: `decision for ${requestId}` },
    ).then((list) => list[0]);

  const authorizeCalls = (uid: string): RecordedRequest[] =>
    emspA.requests.filter((r) => r.path === `/ocpi/2.2.1/tokens/${uid}/authorize`);

  const upsertsOf = (uid: string) => upserted.filter((t) => t.uid === uid);

  const put = (peer: ScriptedOcpiPeer, t: string, target: string, body: unknown) =>
    peer.call('PUT', target, t, body);

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-cpo-tok-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.OcppAuthorizationRequested,
      Topics.OcppAuthorizationDecided,
      Topics.TokenUpserted,
    ]);
    const collector = kafka.createConsumer({
      groupId: `ocpi-cpo-tok-e2e-collector-${run}`,
      topics: [Topics.TokenUpserted, Topics.OcppAuthorizationDecided],
      isTransient: () => true,
      fromBeginning: false,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          if (e.topic === Topics.TokenUpserted) {
            const data = e.envelope.data as TokenUpsertedV1;
            if (data.uid.includes(run.toUpperCase())) upserted.push(data);
          } else {
            const data = e.envelope.data as AuthorizationDecidedV1;
            if (data.stationId.includes(run)) decided.push(data);
          }
        }
      },
    });
    await collector.start();
    await cpo.start();
    const a = await registeredEmsp('EA1');
    emspA = a.peer;
    tokenA = a.token;
    tokenAOfA = a.tokenA;
    const b = await registeredEmsp('EB1');
    emspB = b.peer;
    tokenB = b.token;
    // the station is mapped to an EVSE: LocationReferences come from this mapping
    const location = await cpo.adminApi('PUT', `/admin/v1/locations/${LOCATION}`, {
      publish: true,
      name: 'Tokens e2e',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [
        {
          uid: EVSE,
          status: 'AVAILABLE',
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
          ocpp: { station_id: STATION, connector_id: 1 },
        },
      ],
    });
    expect([200, 201]).toContain(location.status);
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await cpo.destroy();
    await kafka?.disconnect();
  });

  it('advertises tokens as a RECEIVER interface [VER › Endpoint _class_]', async () => {
    const details = await emspA.call('GET', `${cpo.baseUrl}/ocpi/cpo/2.2.1`, tokenA);
    expect(details.body.data.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'tokens', role: 'RECEIVER', url: tokensUrl() },
        expect.objectContaining({ identifier: 'commands', role: 'RECEIVER' }),
        expect.objectContaining({ identifier: 'chargingprofiles', role: 'RECEIVER' }),
      ]),
    );
  });

  it('PUT creates (201), GET returns it, token.token.upserted is published [TOK › *PUT* Method]', async () => {
    const uid = UID('PUT');
    const created = await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid));
    expect(created.status).toBe(201);
    expect(created.body.status_code).toBe(1000);
    const got = await emspA.call('GET', url('DE', 'EA1', uid), tokenA);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({ uid, whitelist: 'ALLOWED', valid: true });
    const events = await waitFor(
      async () => upsertsOf(uid),
      (l) => l.length >= 1,
      { timeoutMs: 20_000, what: 'token.upserted' },
    );
    expect(events[0]).toMatchObject({
      countryCode: 'DE',
      partyId: 'EA1',
      uid,
      type: 'RFID',
      whitelist: 'ALLOWED',
      valid: true,
      origin: 'received-from-emsp',
      lastUpdated: '2026-01-01T10:00:00.000Z',
    });
    // a replacing PUT answers 200 [SC › Status codes]
    const replaced = await put(
      emspA,
      tokenA,
      url('DE', 'EA1', uid),
      token(uid, { valid: false, last_updated: '2026-01-01T11:00:00Z' }),
    );
    expect(replaced.status).toBe(200);
    await waitFor(
      async () => upsertsOf(uid),
      (l) => l.length >= 2,
      { timeoutMs: 20_000, what: 'second token.upserted' },
    );
  });

  it('ignores a PUT or PATCH older than (or as old as) the stored token; no event is published', async () => {
    const uid = UID('OLD');
    await put(
      emspA,
      tokenA,
      url('DE', 'EA1', uid),
      token(uid, { last_updated: '2026-02-01T10:00:00Z' }),
    );
    await waitFor(
      async () => upsertsOf(uid),
      (l) => l.length === 1,
      { timeoutMs: 20_000, what: 'token.upserted' },
    );
    const older = await put(
      emspA,
      tokenA,
      url('DE', 'EA1', uid),
      token(uid, { valid: false, last_updated: '2026-01-15T10:00:00Z' }),
    );
    expect(older.body.status_code).toBe(1000);
    const same = await emspA.call('PATCH', url('DE', 'EA1', uid), tokenA, {
      valid: false,
      last_updated: '2026-02-01T10:00:00Z',
    });
    expect(same.body.status_code).toBe(1000);
    const got = await emspA.call('GET', url('DE', 'EA1', uid), tokenA);
    expect(got.body.data).toMatchObject({ valid: true, last_updated: '2026-02-01T10:00:00Z' });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(upsertsOf(uid)).toHaveLength(1);
  });

  it('PATCH merges changed fields and requires last_updated [TOK › *PATCH* Method] [SC › 2xxx: Client errors]', async () => {
    const uid = UID('PAT');
    await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid));
    const missing = await emspA.call('PATCH', url('DE', 'EA1', uid), tokenA, { valid: false });
    expect(missing.status).toBe(400);
    expect(missing.body.status_code).toBe(2001);
    const patched = await emspA.call('PATCH', url('DE', 'EA1', uid), tokenA, {
      whitelist: 'NEVER',
      last_updated: '2026-01-02T10:00:00Z',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.status_code).toBe(1000);
    const got = await emspA.call('GET', url('DE', 'EA1', uid), tokenA);
    expect(got.body.data).toMatchObject({
      uid,
      whitelist: 'NEVER',
      valid: true,
      issuer: 'Scripted eMSP',
      last_updated: '2026-01-02T10:00:00Z',
    });
    const event = await waitFor(
      async () => upsertsOf(uid).filter((e) => e.whitelist === 'NEVER'),
      (l) => l.length === 1,
      { timeoutMs: 20_000, what: 'patched token.upserted' },
    );
    expect(event[0].token).toMatchObject({ whitelist: 'NEVER', issuer: 'Scripted eMSP' });
    // PATCH of an unknown token → 404: the eMSP then PUTs it [T&F › PATCH]
    const unknown = await emspA.call('PATCH', url('DE', 'EA1', UID('NONE')), tokenA, {
      valid: false,
      last_updated: '2026-01-02T10:00:00Z',
    });
    expect(unknown.status).toBe(404);
  });

  it('rejects URL ids that differ from the body with 2001 [T&F › Errors], and a bad ?type=', async () => {
    const uid = UID('IDS');
    const otherUid = await put(emspA, tokenA, url('DE', 'EA1', uid), token(UID('OTHER')));
    expect(otherUid.body.status_code).toBe(2001);
    const otherType = await put(emspA, tokenA, url('DE', 'EA1', uid, '?type=APP_USER'), token(uid));
    expect(otherType.body.status_code).toBe(2001);
    const badType = await put(emspA, tokenA, url('DE', 'EA1', uid, '?type=CARD'), token(uid));
    expect(badType.body.status_code).toBe(2001);
    const patchOtherUid = await emspA.call('PATCH', url('DE', 'EA1', uid), tokenA, {
      uid: 'SOMETHING-ELSE',
      last_updated: '2026-01-02T10:00:00Z',
    });
    expect(patchOtherUid.body.status_code).toBe(2001);
    const invalid = await put(emspA, tokenA, url('DE', 'EA1', uid), {
      ...token(uid),
      valid: 'yes',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.status_code).toBe(2001);
  });

  it('keeps (uid, type) apart: ?type= addresses the token of that type [TOK › Request Parameters]', async () => {
    const uid = UID('TYP');
    await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid));
    const app = await put(
      emspA,
      tokenA,
      url('DE', 'EA1', uid, '?type=APP_USER'),
      token(uid, { type: 'APP_USER', whitelist: 'NEVER' }),
    );
    expect(app.status).toBe(201);
    const rfid = await emspA.call('GET', url('DE', 'EA1', uid), tokenA);
    const appGot = await emspA.call('GET', url('DE', 'EA1', uid, '?type=APP_USER'), tokenA);
    expect(rfid.body.data).toMatchObject({ type: 'RFID', whitelist: 'ALLOWED' });
    expect(appGot.body.data).toMatchObject({ type: 'APP_USER', whitelist: 'NEVER' });
    const none = await emspA.call('GET', url('DE', 'EA1', uid, '?type=OTHER'), tokenA);
    expect(none.status).toBe(404);
    expect(none.body.status_code).toBe(2004);
  });

  it('isolates partners: B can neither write nor read tokens of A’s party [T&F › Errors] (ocpi/ocpi#319)', async () => {
    const uid = UID('ISO');
    await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid));
    const write = await put(emspB, tokenB, url('DE', 'EA1', uid), token(uid, { valid: false }));
    expect(write.status).toBe(404);
    const patch = await emspB.call('PATCH', url('DE', 'EA1', uid), tokenB, {
      valid: false,
      last_updated: '2026-03-01T10:00:00Z',
    });
    expect(patch.status).toBe(404);
    const read = await emspB.call('GET', url('DE', 'EA1', uid), tokenB);
    expect(read.status).toBe(404);
    const got = await emspA.call('GET', url('DE', 'EA1', uid), tokenA);
    expect(got.body.data.valid).toBe(true);
  });

  it('answers 401 without a token or with Token A [T&F › Authorization header]; no DELETE [TOK › Push model]', async () => {
    const uid = UID('AUT');
    const none = await emspA.call('GET', url('DE', 'EA1', uid), undefined);
    expect(none.status).toBe(401);
    const withTokenA = await emspA.call('PUT', url('DE', 'EA1', uid), tokenAOfA, token(uid));
    expect(withTokenA.status).toBe(401);
    const del = await emspA.call('DELETE', url('DE', 'EA1', uid), tokenA);
    expect([404, 405]).toContain(del.status);
    expect(del.body.status_code).toBeGreaterThanOrEqual(2000);
  });

  describe('real-time authorization [TOK › *POST* Method] [TOK › WhitelistType _enum_]', () => {
    it('NEVER: asks the eMSP with LocationReferences and routing headers; ALLOWED → Accepted with its reference', async () => {
      const uid = UID('RTAOK');
      await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid, { whitelist: 'NEVER' }));
      authorizeAnswers.set(uid, authorizationInfo(uid, 'ALLOWED', `REF-${run}`));
      const requestId = await requestAuthorization(uid);
      const decision = await decisionOf(requestId);
      expect(decision).toMatchObject({
        idTag: uid,
        status: 'Accepted',
        decisionSource: 'emsp-real-time',
        authorizationReference: `REF-${run}`,
        emspCountryCode: 'DE',
        emspPartyId: 'EA1',
      });
      const call = authorizeCalls(uid)[0];
      expect(call.body).toEqual({ location_id: LOCATION, evse_uids: [EVSE] });
      expect(call.headers['ocpi-to-country-code']).toBe('DE');
      expect(call.headers['ocpi-to-party-id']).toBe('EA1');
      expect(call.headers['ocpi-from-country-code']).toBe('NL');
    });

    it('a station without an EVSE mapping: the authorize call goes without LocationReferences (optional body)', async () => {
      const uid = UID('RTANOLOC');
      await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid, { whitelist: 'NEVER' }));
      authorizeAnswers.set(uid, authorizationInfo(uid, 'ALLOWED'));
      const decision = await decisionOf(await requestAuthorization(uid, 1, `CP-UNMAPPED-${run}`));
      expect(decision).toMatchObject({ status: 'Accepted', stationId: `CP-UNMAPPED-${run}` });
      expect(authorizeCalls(uid)[0].body).toBeUndefined();
    });

    it('BLOCKED → Blocked; EXPIRED → Expired; NO_CREDIT → Invalid', async () => {
      for (const [allowed, status] of [
        ['BLOCKED', 'Blocked'],
        ['EXPIRED', 'Expired'],
        ['NO_CREDIT', 'Invalid'],
      ]) {
        const uid = UID(`RTA${allowed.slice(0, 3)}`);
        await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid, { whitelist: 'NEVER' }));
        authorizeAnswers.set(uid, authorizationInfo(uid, allowed));
        const decision = await decisionOf(await requestAuthorization(uid));
        expect(decision).toMatchObject({ status, decisionSource: 'emsp-real-time' });
      }
    });

    it('a token unknown at the eMSP (HTTP 404 / 2004) → Invalid', async () => {
      const uid = UID('RTA404');
      await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid, { whitelist: 'ALLOWED_OFFLINE' }));
      const decision = await decisionOf(await requestAuthorization(uid));
      expect(decision).toMatchObject({ status: 'Invalid', decisionSource: 'unknown-token' });
      expect(authorizeCalls(uid)).toHaveLength(1);
    });

    it('eMSP too slow: ALLOWED_OFFLINE → Accepted, NEVER → Invalid (bounded by the RTA timeout)', async () => {
      const offline = UID('RTASLO');
      const never = UID('RTASLN');
      await put(
        emspA,
        tokenA,
        url('DE', 'EA1', offline),
        token(offline, { whitelist: 'ALLOWED_OFFLINE' }),
      );
      await put(emspA, tokenA, url('DE', 'EA1', never), token(never, { whitelist: 'NEVER' }));
      authorizeAnswers.set(offline, { ...authorizationInfo(offline, 'BLOCKED'), delayMs: 4_000 });
      authorizeAnswers.set(never, { ...authorizationInfo(never, 'ALLOWED'), delayMs: 4_000 });
      const started = Date.now();
      const a = await decisionOf(await requestAuthorization(offline));
      expect(a).toMatchObject({ status: 'Accepted', decisionSource: 'emsp-unreachable' });
      expect(a.authorizationReference).toBeUndefined();
      const b = await decisionOf(await requestAuthorization(never));
      expect(b).toMatchObject({ status: 'Invalid', decisionSource: 'emsp-unreachable' });
      expect(Date.now() - started).toBeLessThan(4_000 + 2 * RTA_TIMEOUT_MS);
    });

    it('ALWAYS is decided from the stored token without calling the eMSP; an unknown idTag is Invalid', async () => {
      const uid = UID('RTAALW');
      await put(emspA, tokenA, url('DE', 'EA1', uid), token(uid, { whitelist: 'ALWAYS' }));
      const decision = await decisionOf(await requestAuthorization(uid));
      expect(decision).toMatchObject({ status: 'Accepted', decisionSource: 'token-store' });
      expect(authorizeCalls(uid)).toHaveLength(0);
      const unknown = await decisionOf(await requestAuthorization(UID('NOBODY')));
      expect(unknown).toMatchObject({ status: 'Invalid', decisionSource: 'unknown-token' });
    });
  });

  describe('hubclientinfo Receiver [HCI › Receiver Interface]', () => {
    const hciUrl = (cc: string, pid: string) =>
      `${cpo.baseUrl}/ocpi/cpo/2.2.1/hubclientinfo/${cc}/${pid}`;
    const info = (lastUpdated: string, status = 'CONNECTED') => ({
      party_id: 'XYZ',
      country_code: 'BE',
      role: 'EMSP',
      status,
      last_updated: lastUpdated,
    });

    it('a Hub PUTs and GETs ClientInfo without routing headers; older ones are ignored; URL ≠ body → 2001', async () => {
      const hub = await registeredEmsp('HB1', 'HUB', 'NL');
      const created = await hub.peer.call(
        'PUT',
        hciUrl('BE', 'XYZ'),
        hub.token,
        info('2026-01-02T00:00:00Z'),
      );
      expect(created.status).toBe(201);
      expect(created.body.status_code).toBe(1000);
      const older = await hub.peer.call(
        'PUT',
        hciUrl('BE', 'XYZ'),
        hub.token,
        info('2026-01-01T00:00:00Z', 'SUSPENDED'),
      );
      expect(older.body.status_code).toBe(1000);
      const got = await hub.peer.call('GET', hciUrl('be', 'xyz'), hub.token);
      expect(got.status).toBe(200);
      expect(got.body.data).toMatchObject({ status: 'CONNECTED', party_id: 'XYZ' });
      const newer = await hub.peer.call(
        'PUT',
        hciUrl('BE', 'XYZ'),
        hub.token,
        info('2026-01-03T00:00:00Z', 'OFFLINE'),
      );
      expect(newer.status).toBe(200);
      expect((await hub.peer.call('GET', hciUrl('BE', 'XYZ'), hub.token)).body.data.status).toBe(
        'OFFLINE',
      );
      const mismatch = await hub.peer.call(
        'PUT',
        hciUrl('BE', 'ABC'),
        hub.token,
        info('2026-01-04T00:00:00Z'),
      );
      expect(mismatch.body.status_code).toBe(2001);
      const unknown = await hub.peer.call('GET', hciUrl('BE', 'QQQ'), hub.token);
      expect(unknown.status).toBe(404);
      // an eMSP partner is not a Hub; Token A is refused
      const notHub = await emspA.call('GET', hciUrl('BE', 'XYZ'), tokenA);
      expect(notHub.status).toBe(404);
      const withTokenA = await emspA.call('GET', hciUrl('BE', 'XYZ'), tokenAOfA);
      expect(withTokenA.status).toBe(401);
    });
  });
});
