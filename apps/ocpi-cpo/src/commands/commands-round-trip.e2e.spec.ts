import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RPCClient } from 'ocpp-rpc';
import {
  type CommandRequestedV1,
  createEnvelope,
  keyOf,
  toHeaders,
  Topics,
} from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import {
  httpStatus,
  NodeProcess,
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  waitFor,
} from '@voltlane/testing';

/**
 * OCPI Commands and ChargingProfiles Receiver, full round trips (ADR 0066): ocpi-cpo and
 * ocpp-gateway as real processes on real Kafka and PostgreSQL, stations simulated with ocpp-rpc
 * (strict mode), a scripted eMSP registered through the real credentials handshake whose
 * `response_url`s receive the results. Checklist: [CMD ›…], [CP ›…] of ocpi-essentials.md.
 */
jest.setTimeout(180_000);

const run = randomUUID().slice(0, 8);
const TIMEOUT_S = 10;
const PARTITIONS = 6;
const S_OK = `CP-CMD-${run}-OK`;
const S_HANG = `CP-CMD-${run}-HANG`;
const S_OFF = `CP-CMD-${run}-OFF`;
const LOCATION = `L-CMD-${run}`;
const EVSE = (s: string) => `E-${s}`;
const ADMIN_KEY = `gw-admin-key-${randomUUID()}`;

type Json = Record<string, unknown>;

describe('ocpi-cpo commands + chargingprofiles round trips (ocpi-cpo + ocpp-gateway processes, ocpp-rpc stations)', () => {
  const cpo = new OcpiServiceProcess({
    app: 'ocpi-cpo',
    countryCode: 'NL',
    partyId: 'VLT',
    env: {
      OCPI_COMMAND_TIMEOUT_SECONDS: String(TIMEOUT_S),
      OCPI_COMMAND_SWEEP_INTERVAL_MS: '300',
      // the gateway's partition count: no topic is expanded under a running consumer
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    },
  });
  const gwDb = `ocpi_cmd_gw_${run}`;
  let gateway: NodeProcess;
  let gwPort = 0;
  let kafka: KafkaPlatform;
  let cpoDb: Client;
  const peers: ScriptedOcpiPeer[] = [];
  const stations: RPCClient[] = [];
  const requested: CommandRequestedV1[] = [];
  /** Calls the stations received: [stationId, action, params]. */
  const stationCalls: [string, string, Json][] = [];
  let emspA: ScriptedOcpiPeer;
  let tokenA: string;
  let peerTokenA: string;
  let emspB: ScriptedOcpiPeer;
  let tokenB: string;

  const commandsUrl = (c: string) => `${cpo.baseUrl}/ocpi/cpo/2.2.1/commands/${c}`;
  const profilesUrl = (s: string) => `${cpo.baseUrl}/ocpi/cpo/2.2.1/chargingprofiles/${s}`;
  const responseUrl = (peer: ScriptedOcpiPeer) => `${peer.baseUrl}/2.2.1/results/${randomUUID()}`;
  const resultsAt = (peer: ScriptedOcpiPeer, url: string): RecordedRequest[] =>
    peer.requests.filter((r) => r.method === 'POST' && url.endsWith(r.path));
  const resultOf = (peer: ScriptedOcpiPeer, url: string, timeoutMs = 30_000) =>
    waitFor(
      async () => resultsAt(peer, url),
      (l) => l.length > 0,
      { timeoutMs, what: `result POSTed to ${url}` },
    ).then((l) => l[0]);
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const rfidToken = (uid: string, partyId = 'EA1') => ({
    country_code: 'DE',
    party_id: partyId,
    uid,
    type: 'RFID',
    contract_id: `DE-${partyId}-C${run}`,
    issuer: 'Scripted eMSP',
    valid: true,
    whitelist: 'ALLOWED',
    last_updated: '2026-01-01T10:00:00Z',
  });

  async function registeredEmsp(partyId: string) {
    const peer = await new ScriptedOcpiPeer({ countryCode: 'DE', partyId, role: 'EMSP' }).start();
    peers.push(peer);
    peer.endpoints.push({ identifier: 'commands', role: 'SENDER', path: 'commands' });
    peer.handlers.push((req) =>
      req.path.startsWith('/ocpi/2.2.1/results/')
        ? { status: 200, body: { status_code: 1000, timestamp: new Date().toISOString() } }
        : undefined,
    );
    const partner = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: `e2e ${partyId}`,
      roles: [{ country_code: 'DE', party_id: partyId, role: 'EMSP' }],
    });
    expect(partner.status).toBe(201);
    const { answer, peerToken } = await peer.registerWith(
      `${cpo.baseUrl}/ocpi/cpo/versions`,
      partner.body.token,
    );
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string, peerToken };
  }

  async function station(id: string, answer: boolean): Promise<RPCClient> {
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: `ws://127.0.0.1:${gwPort}/ocpp`,
      identity: id,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
    };
    const c = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    const on = (action: string, reply: (params: Json) => Json) =>
      c.handle(action, ({ params }) => {
        stationCalls.push([id, action, params as Json]);
        return answer ? Promise.resolve(reply(params as Json)) : new Promise<Json>(() => undefined);
      });
    on('RemoteStartTransaction', () => ({ status: 'Accepted' }));
    on('RemoteStopTransaction', () => ({ status: 'Accepted' }));
    on('UnlockConnector', () => ({ status: 'Unlocked' }));
    on('ReserveNow', () => ({ status: 'Occupied' }));
    on('SetChargingProfile', () => ({ status: 'Accepted' }));
    on('ClearChargingProfile', () => ({ status: 'Accepted' }));
    on('GetCompositeSchedule', (p) => ({
      status: 'Accepted',
      connectorId: p.connectorId as number,
      scheduleStart: '2026-05-01T10:00:00.000Z',
      chargingSchedule: {
        duration: p.duration as number,
        startSchedule: '2026-05-01T10:00:00.000Z',
        chargingRateUnit: 'A',
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 16 },
          { startPeriod: 600, limit: 10.5 },
        ],
      },
    }));
    stations.push(c);
    await c.connect();
    await c.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    return c;
  }

  async function connectedInCpo(stationId: string, connected: boolean): Promise<void> {
    await waitFor(
      async () =>
        (
          await cpoDb.query(
            `SELECT connected FROM ocpi_cpo.station_connections WHERE station_id = $1`,
            [stationId],
          )
        ).rows[0]?.connected as boolean | undefined,
      (c) => c === connected,
      { timeoutMs: 30_000, what: `${stationId} connected=${connected} in ocpi-cpo` },
    );
  }

  async function sessionStarted(sessionId: string, transactionId: string, partyId = 'EA1') {
    const data = {
      sessionId,
      countryCode: 'NL',
      partyId: 'VLT',
      revision: 1,
      stationId: S_OK,
      connectorId: 1,
      transactionId,
      locationId: LOCATION,
      evseUid: EVSE(S_OK),
      tokenUid: `TAG${run}`.toUpperCase(),
      tokenType: 'RFID',
      emspCountryCode: 'DE',
      emspPartyId: partyId,
      authMethod: 'AUTH_REQUEST',
      meterStartWh: 1000,
      startedAt: new Date().toISOString(),
      session: {
        country_code: 'NL',
        party_id: 'VLT',
        id: sessionId,
        start_date_time: new Date().toISOString(),
        kwh: 0,
        cdr_token: {
          country_code: 'DE',
          party_id: partyId,
          uid: `TAG${run}`.toUpperCase(),
          type: 'RFID',
          contract_id: `DE-${partyId}-C${run}`,
        },
        auth_method: 'AUTH_REQUEST',
        location_id: LOCATION,
        evse_uid: EVSE(S_OK),
        connector_id: '1',
        currency: 'EUR',
        status: 'ACTIVE',
        last_updated: new Date().toISOString(),
      },
    };
    const env = createEnvelope(Topics.SessionStarted, data as never, {
      producer: 'session-engine',
      correlationId: sessionId,
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic: Topics.SessionStarted,
        key: keyOf(Topics.SessionStarted, data as never),
        value: JSON.stringify(env),
        headers: toHeaders(env),
      },
    ]);
    await waitFor(
      async () =>
        (
          await cpoDb.query(
            `SELECT active FROM ocpi_cpo.command_sessions WHERE session_key = upper($1)`,
            [sessionId],
          )
        ).rows[0]?.active as boolean | undefined,
      (a) => a === true,
      { timeoutMs: 30_000, what: `session ${sessionId} in the command projection` },
    );
  }

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-cpo-cmd-e2e-${run}`,
        defaultPartitions: PARTITIONS,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.OcppCommandRequested,
      Topics.OcppCommandCompleted,
      Topics.SessionStarted,
    ]);
    const collector = kafka.createConsumer({
      groupId: `ocpi-cpo-cmd-e2e-collector-${run}`,
      topics: [Topics.OcppCommandRequested],
      isTransient: () => true,
      fromBeginning: false,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          const data = e.envelope.data as CommandRequestedV1;
          if (data.stationId.includes(run)) requested.push(data);
        }
      },
    });
    await collector.start();
    // ocpp-gateway on its own database and consumer groups
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${gwDb}"`);
    await admin.end();
    const gwUrl = new URL(process.env.DATABASE_URL as string);
    gwUrl.pathname = `/${gwDb}`;
    [gwPort] = await findFreePorts(1);
    const gwEnv = {
      PORT: String(gwPort),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: gwUrl.toString(),
      ADMIN_API_KEY: ADMIN_KEY,
      OCPP_AUTO_REGISTER: 'true',
      GATEWAY_INSTANCE_ID: `gw-cmd-${run}`,
      GATEWAY_INTERNAL_URL: `http://127.0.0.1:${gwPort}`,
      KAFKA_CONSUMER_GROUP: `ocpp-gateway-cmd-${run}`,
      SHUTDOWN_TIMEOUT_MS: '10000',
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
      LOG_LEVEL: 'warn',
    };
    const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], gwEnv).start();
    expect((await migrate.exit)?.code).toBe(0);
    gateway = NodeProcess.service('ocpp-gateway', gwEnv).start();
    await cpo.start();
    await waitFor(
      () => httpStatus(gwPort, '/health/ready'),
      (status) => status === 200,
      { timeoutMs: 60_000, what: `ocpp-gateway ready\n${gateway.tail()}` },
    );
    cpoDb = new Client({ connectionString: cpo.databaseUrl });
    await cpoDb.connect();
    const a = await registeredEmsp('EA1');
    emspA = a.peer;
    tokenA = a.token;
    peerTokenA = a.peerToken;
    const b = await registeredEmsp('EB1');
    emspB = b.peer;
    tokenB = b.token;
    const location = await cpo.adminApi('PUT', `/admin/v1/locations/${LOCATION}`, {
      publish: true,
      name: 'Commands e2e',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [S_OK, S_HANG, S_OFF].map((s) => ({
        uid: EVSE(s),
        status: 'AVAILABLE',
        capabilities: ['REMOTE_START_STOP_CAPABLE', 'RESERVABLE', 'UNLOCK_CAPABLE'],
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
        ocpp: { station_id: s, connector_id: 1 },
      })),
    });
    expect([200, 201]).toContain(location.status);
    await station(S_OK, true);
    await station(S_HANG, false);
    const off = await station(S_OFF, true);
    await connectedInCpo(S_OK, true);
    await connectedInCpo(S_HANG, true);
    await connectedInCpo(S_OFF, true);
    await off.close();
    await connectedInCpo(S_OFF, false);
    // warm-up: the gateway's command consumers may still be joining their groups on a busy broker
    await waitFor(
      async () => {
        const url = responseUrl(emspA);
        await emspA.call('POST', commandsUrl('UNLOCK_CONNECTOR'), tokenA, {
          response_url: url,
          location_id: LOCATION,
          evse_uid: EVSE(S_OK),
          connector_id: '1',
        });
        return (await resultOf(emspA, url, (TIMEOUT_S + 5) * 1000)).body as Json;
      },
      (body) => body.result === 'ACCEPTED',
      { timeoutMs: 90_000, what: 'a first command round trip' },
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(stations.map((c) => c.close({ force: true }).catch(() => undefined)));
    for (const p of peers) await p.stop();
    await cpoDb?.end();
    await cpo.destroy();
    await gateway?.stop('SIGTERM');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${gwDb}" WITH (FORCE)`);
    await admin.end();
    await kafka?.disconnect();
  });

  it('START_SESSION: ACCEPTED with the timeout, RemoteStartTransaction reaches the station, CommandResult ACCEPTED to response_url, exactly once [CMD › Flow]', async () => {
    const url = responseUrl(emspA);
    const uid = `TAG${run}S`.toUpperCase();
    const answer = await emspA.call('POST', commandsUrl('START_SESSION'), tokenA, {
      response_url: url,
      token: rfidToken(uid),
      location_id: LOCATION,
      evse_uid: EVSE(S_OK),
      connector_id: '1',
      authorization_reference: `AUTH-${run}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status_code: 1000,
      data: { result: 'ACCEPTED', timeout: TIMEOUT_S },
    });
    const result = await resultOf(emspA, url);
    expect(result.body).toEqual({ result: 'ACCEPTED' });
    // the token the eMSP issued to us, routing headers towards the token's eMSP
    expect(result.headers.authorization).toBe(emspA.authorization(peerTokenA));
    expect(result.headers['ocpi-to-party-id']).toBe('EA1');
    expect(stationCalls).toContainEqual([
      S_OK,
      'RemoteStartTransaction',
      { idTag: uid, connectorId: 1 },
    ]);
    // session-engine's PENDING session needs the token and authorization_reference
    const event = requested.find(
      (r) => r.command === 'RemoteStartTransaction' && r.payload.idTag === uid,
    );
    expect(event?.ocpiStartSession).toMatchObject({
      token: { countryCode: 'DE', partyId: 'EA1', uid, type: 'RFID' },
      authorizationReference: `AUTH-${run}`,
      locationId: LOCATION,
      evseUid: EVSE(S_OK),
      connectorId: '1',
    });
    await settle((TIMEOUT_S + 2) * 1000);
    expect(resultsAt(emspA, url)).toHaveLength(1);
  });

  it('station offline → immediate CommandResponse REJECTED, nothing sent, no result', async () => {
    const url = responseUrl(emspA);
    const before = requested.length;
    const answer = await emspA.call('POST', commandsUrl('START_SESSION'), tokenA, {
      response_url: url,
      token: rfidToken(`TAG${run}O`.toUpperCase()),
      location_id: LOCATION,
      evse_uid: EVSE(S_OFF),
    });
    expect(answer.body).toMatchObject({ status_code: 1000, data: { result: 'REJECTED' } });
    await settle(2_000);
    expect(resultsAt(emspA, url)).toHaveLength(0);
    expect(requested.length).toBe(before);
  });

  it('a station that never answers → one TIMEOUT result within the timeout [CMD › _CommandResponse_ Object]', async () => {
    const url = responseUrl(emspA);
    const started = Date.now();
    const answer = await emspA.call('POST', commandsUrl('UNLOCK_CONNECTOR'), tokenA, {
      response_url: url,
      location_id: LOCATION,
      evse_uid: EVSE(S_HANG),
      connector_id: '1',
    });
    expect(answer.body.data).toMatchObject({ result: 'ACCEPTED', timeout: TIMEOUT_S });
    const result = await resultOf(emspA, url);
    expect(result.body).toEqual({ result: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan((TIMEOUT_S + 3) * 1000);
    await settle(3_000);
    expect(resultsAt(emspA, url)).toHaveLength(1);
  });

  it('UNLOCK_CONNECTOR: Unlocked → ACCEPTED; RESERVE_NOW with our own reservation id: Occupied → EVSE_OCCUPIED [CMD › _ReserveNow_ Object]', async () => {
    const unlockUrl = responseUrl(emspA);
    await emspA.call('POST', commandsUrl('UNLOCK_CONNECTOR'), tokenA, {
      response_url: unlockUrl,
      location_id: LOCATION,
      evse_uid: EVSE(S_OK),
      connector_id: '1',
    });
    expect((await resultOf(emspA, unlockUrl)).body).toEqual({ result: 'ACCEPTED' });
    const reserveUrl = responseUrl(emspA);
    const reserve = await emspA.call('POST', commandsUrl('RESERVE_NOW'), tokenA, {
      response_url: reserveUrl,
      token: rfidToken(`TAG${run}R`.toUpperCase()),
      expiry_date: new Date(Date.now() + 3_600_000).toISOString(),
      reservation_id: `RES-${run}`,
      location_id: LOCATION,
      evse_uid: EVSE(S_OK),
    });
    expect(reserve.body.data.result).toBe('ACCEPTED');
    expect((await resultOf(emspA, reserveUrl)).body).toEqual({ result: 'EVSE_OCCUPIED' });
    const call = stationCalls.find(([s, a]) => s === S_OK && a === 'ReserveNow');
    expect(typeof call?.[2].reservationId).toBe('number');
    expect(call?.[2].reservationId).not.toBe(`RES-${run}`);
  });

  it('unknown location → 2003; invalid body → 2001; STOP_SESSION of an unknown session → UNKNOWN_SESSION [SC › 2xxx: Client errors]', async () => {
    const unknown = await emspA.call('POST', commandsUrl('START_SESSION'), tokenA, {
      response_url: responseUrl(emspA),
      token: rfidToken('TAGX'),
      location_id: `NOPE-${run}`,
    });
    expect(unknown.body.status_code).toBe(2003);
    const invalid = await emspA.call('POST', commandsUrl('START_SESSION'), tokenA, {
      response_url: 'not a url',
      location_id: LOCATION,
    });
    expect(invalid.body.status_code).toBe(2001);
    const stop = await emspA.call('POST', commandsUrl('STOP_SESSION'), tokenA, {
      response_url: responseUrl(emspA),
      session_id: `NOPE-${run}`,
    });
    expect(stop.body.data).toMatchObject({ result: 'UNKNOWN_SESSION', timeout: TIMEOUT_S });
    const notOwnToken = await emspB.call('POST', commandsUrl('START_SESSION'), tokenB, {
      response_url: responseUrl(emspB),
      token: rfidToken('TAGY', 'EA1'),
      location_id: LOCATION,
      evse_uid: EVSE(S_OK),
    });
    expect(notOwnToken.body.data.result).toBe('REJECTED');
  });

  it('a session: chargingprofiles GET/PUT/DELETE round trips, STOP_SESSION → RemoteStopTransaction; other eMSPs see UNKNOWN_SESSION [CP › Receiver Interface]', async () => {
    const sessionId = randomUUID();
    await sessionStarted(sessionId, '4242');

    const getUrl = responseUrl(emspA);
    const get = await emspA.call(
      'GET',
      `${profilesUrl(sessionId)}?duration=900&response_url=${encodeURIComponent(getUrl)}`,
      tokenA,
    );
    expect(get.body.data).toEqual({ result: 'ACCEPTED', timeout: TIMEOUT_S });
    expect((await resultOf(emspA, getUrl)).body).toEqual({
      result: 'ACCEPTED',
      profile: {
        start_date_time: '2026-05-01T10:00:00.000Z',
        charging_profile: {
          start_date_time: '2026-05-01T10:00:00.000Z',
          duration: 900,
          charging_rate_unit: 'A',
          charging_profile_period: [
            { start_period: 0, limit: 16 },
            { start_period: 600, limit: 10.5 },
          ],
        },
      },
    });
    expect(stationCalls).toContainEqual([
      S_OK,
      'GetCompositeSchedule',
      { connectorId: 1, duration: 900 },
    ]);

    const setUrl = responseUrl(emspA);
    const set = await emspA.call('PUT', profilesUrl(sessionId), tokenA, {
      response_url: setUrl,
      charging_profile: {
        charging_rate_unit: 'W',
        charging_profile_period: [{ start_period: 0, limit: 7400 }],
      },
    });
    expect(set.body.data.result).toBe('ACCEPTED');
    expect((await resultOf(emspA, setUrl)).body).toEqual({ result: 'ACCEPTED' });
    const setCall = stationCalls.find(([s, a]) => s === S_OK && a === 'SetChargingProfile');
    expect(setCall?.[2]).toMatchObject({
      connectorId: 1,
      csChargingProfiles: {
        transactionId: 4242,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Relative',
        chargingSchedule: {
          chargingRateUnit: 'W',
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400 }],
        },
      },
    });

    const clearUrl = responseUrl(emspA);
    const clear = await emspA.call(
      'DELETE',
      `${profilesUrl(sessionId)}?response_url=${encodeURIComponent(clearUrl)}`,
      tokenA,
    );
    expect(clear.body.data.result).toBe('ACCEPTED');
    expect((await resultOf(emspA, clearUrl)).body).toEqual({ result: 'ACCEPTED' });

    // isolation: the session belongs to EA1's token
    const foreign = await emspB.call(
      'GET',
      `${profilesUrl(sessionId)}?duration=60&response_url=${encodeURIComponent(responseUrl(emspB))}`,
      tokenB,
    );
    expect(foreign.body.data.result).toBe('UNKNOWN_SESSION');
    const foreignStop = await emspB.call('POST', commandsUrl('STOP_SESSION'), tokenB, {
      response_url: responseUrl(emspB),
      session_id: sessionId,
    });
    expect(foreignStop.body.data.result).toBe('UNKNOWN_SESSION');
    const badDuration = await emspA.call(
      'GET',
      `${profilesUrl(sessionId)}?duration=soon&response_url=${encodeURIComponent(getUrl)}`,
      tokenA,
    );
    expect(badDuration.body.status_code).toBe(2001);

    const stopUrl = responseUrl(emspA);
    const stop = await emspA.call('POST', commandsUrl('STOP_SESSION'), tokenA, {
      response_url: stopUrl,
      session_id: sessionId,
    });
    expect(stop.body.data.result).toBe('ACCEPTED');
    expect((await resultOf(emspA, stopUrl)).body).toEqual({ result: 'ACCEPTED' });
    expect(stationCalls).toContainEqual([S_OK, 'RemoteStopTransaction', { transactionId: 4242 }]);
  });
});
