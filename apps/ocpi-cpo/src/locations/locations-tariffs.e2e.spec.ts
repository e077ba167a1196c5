import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  keyOf,
  type LocationUpsertedV1,
  toHeaders,
  Topics,
  type TopicName,
} from '@voltlane/contracts-events';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-cpo Locations + Tariffs Sender as a real process on real Kafka and PostgreSQL, with scripted
 * eMSP peers registered through the real credentials handshake (ADR 0064). Checklist items of
 * /work/shared/design/ocpi-essentials.md are cited as [LOC ›…], [T&F ›…], [TAR ›…].
 */
const run = randomUUID().slice(0, 8);
const LOC = (n: number) => `L-${run}-${n}`;
const STATION = (n: number) => `CP-${run}-${n}`;

interface EvseSpec {
  uid: string;
  station: string;
  connector: number;
  status?: string;
}

function locationBody(evses: EvseSpec[], extra: Record<string, unknown> = {}) {
  return {
    publish: true,
    name: 'Voltlane e2e',
    address: 'Gustav Mahlerlaan 10',
    city: 'Amsterdam',
    postal_code: '1082PP',
    country: 'NLD',
    coordinates: { latitude: '52.338430', longitude: '4.872130' },
    time_zone: 'Europe/Amsterdam',
    evses: evses.map((e) => ({
      uid: e.uid,
      status: e.status ?? 'AVAILABLE',
      capabilities: ['REMOTE_START_STOP_CAPABLE'],
      connectors: [
        {
          id: '1',
          standard: 'IEC_62196_T2',
          format: 'SOCKET',
          power_type: 'AC_3_PHASE',
          max_voltage: 230,
          max_amperage: 32,
          tariff_ids: [`T-${run}`],
        },
      ],
      ocpp: { station_id: e.station, connector_id: e.connector },
    })),
    ...extra,
  };
}

function tariff(id: string, lastUpdated: string, price = 0.39) {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id,
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }],
    last_updated: lastUpdated,
  };
}

describe('ocpi-cpo locations + tariffs Sender (real process, Kafka, PostgreSQL, scripted eMSPs)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const peers: ScriptedOcpiPeer[] = [];
  const upserted: LocationUpsertedV1[] = [];
  let kafka: KafkaPlatform;
  let peerA: ScriptedOcpiPeer;
  let tokenA: string; // the token peer A uses towards ocpi-cpo
  let peerAToken: string; // the token ocpi-cpo uses towards peer A
  const versionsUrl = () => `${cpo.baseUrl}/ocpi/cpo/versions`;
  const locationsUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/locations`;
  const tariffsUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/tariffs`;

  async function send(topic: TopicName, data: unknown): Promise<void> {
    const envelope = createEnvelope(topic, data as never, {
      producer: topic.startsWith('tariff.') ? 'tariff-rating' : 'ocpp-gateway',
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

  const status = (station: string, connectorId: number, s: string, timestamp?: string) =>
    send(Topics.OcppConnectorStatusChanged, {
      stationId: station,
      connectorId,
      status: s,
      errorCode: 'NoError',
      timestamp: timestamp ?? new Date().toISOString(),
    });

  /** A scripted eMSP with Locations + Tariffs Receiver endpoints that accepts every push. */
  async function registeredEmsp(partyId: string) {
    const peer = await new ScriptedOcpiPeer({ countryCode: 'DE', partyId, role: 'EMSP' }).start();
    peers.push(peer);
    peer.endpoints.push(
      { identifier: 'locations', role: 'RECEIVER', path: 'locations' },
      { identifier: 'tariffs', role: 'RECEIVER', path: 'tariffs' },
    );
    peer.handlers.push((req) =>
      /^\/ocpi\/2\.2\.1\/(locations|tariffs)\//.test(req.path)
        ? { status: 200, body: { status_code: 1000, timestamp: new Date().toISOString() } }
        : undefined,
    );
    const partner = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: `e2e ${partyId}`,
      roles: [{ country_code: 'DE', party_id: partyId, role: 'EMSP' }],
    });
    expect(partner.status).toBe(201);
    const { answer, peerToken } = await peer.registerWith(versionsUrl(), partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    return {
      peer,
      token: peer.clientToken as string,
      peerToken,
      tokenA: partner.body.token,
      partnerId: partner.body.id as string,
    };
  }

  const pushes = (peer: ScriptedOcpiPeer, method: string, pathPart: string) =>
    peer.requests.filter(
      (r) => r.method === method && (r.path.endsWith(pathPart) || r.path.includes(`${pathPart}/`)),
    );

  const waitPushes = (
    peer: ScriptedOcpiPeer,
    method: string,
    pathPart: string,
    n: number,
  ): Promise<RecordedRequest[]> =>
    waitFor(
      async () => pushes(peer, method, pathPart),
      (list) => list.length >= n,
      { timeoutMs: 30_000, what: `${n} ${method} ${pathPart} at ${peer.party.partyId}` },
    );

  const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));

  const get = (url: string, token = tokenA) => peerA.call('GET', url, token);

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-cpo-loc-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.OcppConnectorStatusChanged,
      Topics.OcppStationConnected,
      Topics.OcppStationDisconnected,
      Topics.TariffUpserted,
      Topics.TariffDeleted,
      Topics.LocationUpserted,
    ]);
    const collector = kafka.createConsumer({
      groupId: `ocpi-cpo-loc-e2e-collector-${run}`,
      topics: [Topics.LocationUpserted],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          const data = e.envelope.data as LocationUpsertedV1;
          if (data.locationId.includes(run)) upserted.push(data);
        }
      },
    });
    await collector.start();
    await cpo.start();
    const a = await registeredEmsp('EA1');
    peerA = a.peer;
    tokenA = a.token;
    peerAToken = a.peerToken;
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await cpo.destroy();
    await kafka?.disconnect();
  });

  it('advertises locations and tariffs as SENDER interfaces [VER › Endpoint _class_]', async () => {
    const details = await get(`${cpo.baseUrl}/ocpi/cpo/2.2.1`);
    expect(details.body.data.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'locations', role: 'SENDER', url: locationsUrl() },
        { identifier: 'tariffs', role: 'SENDER', url: tariffsUrl() },
      ]),
    );
  });

  it('operator API: operator key required; invalid bodies → 400 naming the field; conflicts → 409', async () => {
    const noKey = await fetch(`${cpo.baseUrl}/admin/v1/locations/${LOC(1)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(locationBody([])),
    });
    expect(noKey.status).toBe(401);

    const body = locationBody([{ uid: `E-${run}-1`, station: STATION(1), connector: 1 }]);
    const noMapping = structuredClone(body) as TestJson;
    delete noMapping.evses[0].ocpp;
    noMapping.evses[0].connectors[0].standard = 'NOT_A_PLUG';
    const bad = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(1)}`, {
      ...noMapping,
      country_code: 'BE',
      country: 'NL',
    });
    expect(bad.status).toBe(400);
    const violations = JSON.stringify(bad.body);
    expect(violations).toContain('evses[0].ocpp');
    expect(violations).toContain('evses[0].connectors[0].standard');
    expect(violations).toContain('country_code');
    expect(violations).toContain('country:');
    const wrongId = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(1)}`, {
      ...body,
      id: 'OTHER',
    });
    expect(wrongId.status).toBe(400);
    expect(JSON.stringify(wrongId.body)).toContain('id: must be');

    const created = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(1)}`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      country_code: 'NL',
      party_id: 'VLT',
      id: LOC(1),
      evses: [{ uid: `E-${run}-1`, ocpp: { station_id: STATION(1), connector_id: 1 } }],
    });
    const again = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(1)}`, body);
    expect(again.status).toBe(200);
    expect(again.body.last_updated).toBe(created.body.last_updated);

    // one EVSE per OCPP connector; EVSE uids unique across all locations
    const sameConnector = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(90)}`,
      locationBody([{ uid: `E-${run}-90`, station: STATION(1), connector: 1 }]),
    );
    expect(sameConnector.status).toBe(409);
    const sameUid = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(91)}`,
      locationBody([{ uid: `e-${run}-1`, station: STATION(91), connector: 1 }]),
    );
    expect(sameUid.status).toBe(409);
    expect((await cpo.adminApi('GET', `/admin/v1/locations/${LOC(90)}`)).status).toBe(404);
  });

  it('publishes location.location.upserted.v1 with the OCPP → OCPI connector map', async () => {
    const [event] = await waitFor(
      async () => upserted.filter((u) => u.locationId === LOC(1)),
      (list) => list.length >= 1,
      { timeoutMs: 30_000, what: 'location upserted event' },
    );
    expect(event).toMatchObject({
      countryCode: 'NL',
      partyId: 'VLT',
      publish: true,
      timeZone: 'Europe/Amsterdam',
      connectorMappings: [
        { stationId: STATION(1), ocppConnectorId: 1, evseUid: `E-${run}-1`, connectorId: '1' },
      ],
    });
    expect(JSON.stringify(event.location)).not.toContain('ocpp');
    // the unchanged second PUT published nothing
    await settle();
    expect(upserted.filter((u) => u.locationId === LOC(1))).toHaveLength(1);
  });

  it('pushes the Location as PUT to the eMSP, without the OCPP mapping [T&F › Client Owned Object Push]', async () => {
    const [put] = await waitPushes(peerA, 'PUT', `/locations/NL/VLT/${LOC(1)}`, 1);
    expect(put.path).toBe(`/ocpi/2.2.1/locations/NL/VLT/${LOC(1)}`);
    expect(put.headers.authorization).toBe(`Token ${Buffer.from(peerAToken).toString('base64')}`);
    expect(put.headers['ocpi-from-country-code']).toBe('NL');
    expect(put.headers['ocpi-from-party-id']).toBe('VLT');
    const body = put.body as TestJson;
    expect(body).toMatchObject({ id: LOC(1), country_code: 'NL', party_id: 'VLT' });
    expect(JSON.stringify(body)).not.toContain('ocpp');
    expect(body.evses[0].last_updated).toBe(body.last_updated);
  });

  it('OCPP status → EVSE PATCH {status, last_updated}; EVSE + Location last_updated bumped; no-ops skipped [LOC › GET List: Request Parameters]', async () => {
    const evse = `E-${run}-1`;
    const before = (await get(`${locationsUrl()}/${LOC(1)}`)).body.data;
    await status(STATION(1), 1, 'Charging');
    const [patch] = await waitPushes(peerA, 'PATCH', `/${LOC(1)}/${evse}`, 1);
    expect(patch.path).toBe(`/ocpi/2.2.1/locations/NL/VLT/${LOC(1)}/${evse}`);
    expect(patch.body).toEqual({ status: 'CHARGING', last_updated: expect.any(String) });
    const lastUpdated = (patch.body as TestJson).last_updated;
    expect(Date.parse(lastUpdated)).toBeGreaterThan(Date.parse(before.last_updated));

    const after = (await get(`${locationsUrl()}/${LOC(1)}`)).body.data;
    expect(after.last_updated).toBe(lastUpdated);
    expect(after.evses[0]).toMatchObject({ status: 'CHARGING', last_updated: lastUpdated });

    // SuspendedEV is still CHARGING (no-op), connector 0 and older timestamps change nothing
    await status(STATION(1), 1, 'SuspendedEV');
    await status(STATION(1), 0, 'Faulted');
    await status(STATION(1), 1, 'Faulted', '2020-01-01T00:00:00.000Z');
    await settle(2_500);
    expect(pushes(peerA, 'PATCH', `/${LOC(1)}/${evse}`)).toHaveLength(1);

    await status(STATION(1), 1, 'Faulted');
    const patches = await waitPushes(peerA, 'PATCH', `/${LOC(1)}/${evse}`, 2);
    expect((patches[1].body as TestJson).status).toBe('OUTOFORDER');
  });

  it('a disconnected station shows UNKNOWN; on reconnect the last reported status returns', async () => {
    const evse = `E-${run}-1`;
    const connectionId = randomUUID();
    await send(Topics.OcppStationConnected, {
      stationId: STATION(1),
      connectionId,
      gatewayInstanceId: 'gw-e2e',
      ocppProtocol: 'ocpp1.6',
      connectedAt: new Date().toISOString(),
    });
    await settle();
    await send(Topics.OcppStationDisconnected, {
      stationId: STATION(1),
      connectionId,
      gatewayInstanceId: 'gw-e2e',
      reason: 'heartbeat-timeout',
      disconnectedAt: new Date().toISOString(),
    });
    const patches = await waitPushes(peerA, 'PATCH', `/${LOC(1)}/${evse}`, 3);
    expect((patches[2].body as TestJson).status).toBe('UNKNOWN');
    await send(Topics.OcppStationConnected, {
      stationId: STATION(1),
      connectionId: randomUUID(),
      gatewayInstanceId: 'gw-e2e',
      ocppProtocol: 'ocpp1.6',
      connectedAt: new Date().toISOString(),
    });
    const restored = await waitPushes(peerA, 'PATCH', `/${LOC(1)}/${evse}`, 4);
    expect((restored[3].body as TestJson).status).toBe('OUTOFORDER');
  });

  it('GET object / EVSE / connector, case-insensitive ids; unknown → 404 + 2003 [LOC › GET Object: Request Parameters]', async () => {
    const evse = `E-${run}-1`;
    const loc = await get(`${locationsUrl()}/${LOC(1).toLowerCase()}`);
    expect(loc.status).toBe(200);
    expect(loc.body).toMatchObject({ status_code: 1000, data: { id: LOC(1) } });
    expect(JSON.stringify(loc.body)).not.toContain('ocpp');
    const e = await get(`${locationsUrl()}/${LOC(1)}/${evse.toLowerCase()}`);
    expect(e.body.data).toMatchObject({ uid: evse, connectors: [{ id: '1' }] });
    const c = await get(`${locationsUrl()}/${LOC(1)}/${evse}/1`);
    expect(c.body.data).toMatchObject({ id: '1', standard: 'IEC_62196_T2' });
    for (const url of [
      `${locationsUrl()}/NOPE-${run}`,
      `${locationsUrl()}/${LOC(1)}/NOPE`,
      `${locationsUrl()}/${LOC(1)}/${evse}/9`,
    ]) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ status_code: 2003 });
    }
  });

  it('a partner without an eMSP role gets no Location/Tariff pushes; Sender objects cannot be written by partners', async () => {
    const cpoPeer = await new ScriptedOcpiPeer({
      countryCode: 'BE',
      partyId: 'OTH',
      role: 'CPO',
    }).start();
    peers.push(cpoPeer);
    cpoPeer.endpoints.push({ identifier: 'locations', role: 'RECEIVER', path: 'locations' });
    const partner = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'other CPO',
      roles: [{ country_code: 'BE', party_id: 'OTH', role: 'CPO' }],
    });
    const { answer } = await cpoPeer.registerWith(versionsUrl(), partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    await status(STATION(1), 1, 'Available');
    await waitPushes(peerA, 'PATCH', `/${LOC(1)}/E-${run}-1`, 5);
    await settle(3_000);
    expect(cpoPeer.requests.filter((r) => r.path.includes('/locations/'))).toHaveLength(0);
    // our Sender interface has no PUT/PATCH/DELETE: no partner can change our locations
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await peerA.call(method, `${locationsUrl()}/${LOC(1)}`, tokenA, {
        id: LOC(1),
        last_updated: new Date().toISOString(),
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body).toMatchObject({ status_code: expect.any(Number) });
    }
    const unchanged = await get(`${locationsUrl()}/${LOC(1)}`);
    expect(unchanged.body.data.evses[0].status).toBe('AVAILABLE');
  });

  it('auth: no token / unknown token / Token A → 401 on locations and tariffs [T&F › Authorization header]', async () => {
    const pending = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'pending',
      roles: [{ country_code: 'DE', party_id: 'PND', role: 'EMSP' }],
    });
    for (const url of [locationsUrl(), `${locationsUrl()}/${LOC(1)}`, tariffsUrl()]) {
      expect((await peerA.call('GET', url, undefined)).status).toBe(401);
      expect((await peerA.call('GET', url, 'unknown-token')).status).toBe(401);
      const withA = await peerA.call('GET', url, pending.body.token);
      expect(withA.status).toBe(401);
      expect(withA.body).toMatchObject({ status_code: 2000 });
    }
  });

  it('an EVSE left out of a PUT is retired as REMOVED and its connector is free again [LOC › Flow and Lifecycle]', async () => {
    const body = locationBody([
      { uid: `E-${run}-2a`, station: STATION(2), connector: 1 },
      { uid: `E-${run}-2b`, station: STATION(2), connector: 2 },
    ]);
    expect((await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(2)}`, body)).status).toBe(201);
    await waitPushes(peerA, 'PUT', `/${LOC(2)}`, 1);
    const smaller = locationBody([{ uid: `E-${run}-2a`, station: STATION(2), connector: 1 }]);
    const res = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(2)}`, smaller);
    expect(res.status).toBe(200);
    expect(res.body.evses.map((e: TestJson) => [e.uid, e.status])).toEqual([
      [`E-${run}-2a`, 'AVAILABLE'],
      [`E-${run}-2b`, 'REMOVED'],
    ]);
    const [, second] = await waitPushes(peerA, 'PUT', `/${LOC(2)}`, 2);
    expect((second.body as TestJson).evses[1]).toMatchObject({ status: 'REMOVED' });
    // status of the retired EVSE's old connector changes nothing; the connector can be re-mapped
    await status(STATION(2), 2, 'Charging');
    await settle(2_000);
    expect(pushes(peerA, 'PATCH', `/${LOC(2)}/`)).toHaveLength(0);
    const event = await waitFor(
      async () => upserted.filter((u) => u.locationId === LOC(2)),
      (list) => list.length >= 2,
      { timeoutMs: 30_000, what: 'two upserted events of LOC2' },
    );
    expect(event[1].connectorMappings.map((m) => m.evseUid)).toEqual([`E-${run}-2a`]);
    const reuse = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(3)}`,
      locationBody([{ uid: `E-${run}-3`, station: STATION(2), connector: 2 }]),
    );
    expect(reuse.status).toBe(201);
  });

  it('DELETE retires every EVSE as REMOVED: pushed, still readable, gone from the list', async () => {
    const res = await cpo.adminApi('DELETE', `/admin/v1/locations/${LOC(3)}`);
    expect(res.status).toBe(200);
    expect(res.body.evses.map((e: TestJson) => e.status)).toEqual(['REMOVED']);
    const puts = await waitPushes(peerA, 'PUT', `/${LOC(3)}`, 2);
    expect((puts[1].body as TestJson).evses[0].status).toBe('REMOVED');
    const obj = await get(`${locationsUrl()}/${LOC(3)}`);
    expect(obj.body.data.evses[0].status).toBe('REMOVED');
    const list = await get(`${locationsUrl()}?limit=100`);
    expect(list.body.data.map((l: TestJson) => l.id)).not.toContain(LOC(3));
    expect((await cpo.adminApi('DELETE', `/admin/v1/locations/NOPE-${run}`)).status).toBe(404);
  });

  it('unpublished locations are neither listed, readable nor pushed [LOC › _Location_ Object]', async () => {
    const res = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(4)}`,
      locationBody([{ uid: `E-${run}-4`, station: STATION(4), connector: 1 }], { publish: false }),
    );
    expect(res.status).toBe(201);
    await status(STATION(4), 1, 'Charging');
    await settle(2_500);
    expect(pushes(peerA, 'PUT', `/${LOC(4)}`)).toHaveLength(0);
    expect(pushes(peerA, 'PATCH', `/${LOC(4)}`)).toHaveLength(0);
    expect((await get(`${locationsUrl()}/${LOC(4)}`)).status).toBe(404);
    const list = await get(`${locationsUrl()}?limit=100`);
    expect(list.body.data.map((l: TestJson) => l.id)).not.toContain(LOC(4));
  });

  it('unpublishing sends one last PUT (publish=false) to partners that had it, then nothing; publish_allowed_to makes it visible [LOC › _Location_ Object]', async () => {
    const evses = [{ uid: `E-${run}-5`, station: STATION(5), connector: 1 }];
    expect(
      (await cpo.adminApi('PUT', `/admin/v1/locations/${LOC(5)}`, locationBody(evses))).status,
    ).toBe(201);
    await waitPushes(peerA, 'PUT', `/${LOC(5)}`, 1);
    const hidden = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(5)}`,
      locationBody(evses, { publish: false }),
    );
    expect(hidden.status).toBe(200);
    const puts = await waitPushes(peerA, 'PUT', `/${LOC(5)}`, 2);
    expect((puts[1].body as TestJson).publish).toBe(false);
    await status(STATION(5), 1, 'Charging');
    await settle(2_500);
    expect(pushes(peerA, 'PATCH', `/${LOC(5)}`)).toHaveLength(0);
    expect(pushes(peerA, 'PUT', `/${LOC(5)}`)).toHaveLength(2);
    expect((await get(`${locationsUrl()}/${LOC(5)}`)).status).toBe(404);

    // shown only to listed tokens: the eMSP gets it (publish=false + publish_allowed_to) to filter
    const allowed = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(5)}`,
      locationBody(evses, {
        publish: false,
        publish_allowed_to: [{ uid: 'TOKEN-1', type: 'RFID' }],
      }),
    );
    expect(allowed.status).toBe(200);
    const third = await waitPushes(peerA, 'PUT', `/${LOC(5)}`, 3);
    expect((third[2].body as TestJson).publish_allowed_to).toEqual([
      { uid: 'TOKEN-1', type: 'RFID' },
    ]);
    // the status reported while hidden is there (OCPP wins over the operator's AVAILABLE)
    expect((third[2].body as TestJson).evses[0].status).toBe('CHARGING');
    expect((await get(`${locationsUrl()}/${LOC(5)}`)).status).toBe(200);
    // publish_allowed_to only with publish=false [LOC › _Location_ Object]
    const invalid = await cpo.adminApi(
      'PUT',
      `/admin/v1/locations/${LOC(5)}`,
      locationBody(evses, {
        publish: true,
        publish_allowed_to: [{ uid: 'TOKEN-1', type: 'RFID' }],
      }),
    );
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('publish_allowed_to');
  });

  it('paginates: Link until the last page, X-Total-Count, X-Limit, offset beyond total, capped limit, date_from inclusive / date_to exclusive [T&F › Paginated Response]', async () => {
    for (let n = 10; n < 15; n++) {
      const res = await cpo.adminApi(
        'PUT',
        `/admin/v1/locations/${LOC(n)}`,
        locationBody([{ uid: `E-${run}-${n}`, station: STATION(n), connector: 1 }]),
      );
      expect(res.status).toBe(201);
    }
    // listed: LOC1, LOC2, LOC5, LOC10..14 (LOC3 retired, LOC4 unpublished)
    const all = await get(`${locationsUrl()}?limit=100`);
    expect(all.headers.get('x-total-count')).toBe('8');
    expect(all.headers.get('x-limit')).toBe('100');
    expect(all.headers.get('link')).toBeNull();
    const ids: string[] = all.body.data.map((l: TestJson) => l.id);
    const stamps: string[] = all.body.data.map((l: TestJson) => l.last_updated);
    expect([...stamps].sort()).toEqual(stamps);

    const seen: string[] = [];
    let url: string | undefined = `${locationsUrl()}?limit=3`;
    let requests = 0;
    while (url) {
      const page = await get(url);
      requests++;
      expect(page.status).toBe(200);
      expect(page.headers.get('x-total-count')).toBe('8');
      expect(page.headers.get('x-limit')).toBe('100');
      seen.push(...page.body.data.map((l: TestJson) => l.id));
      url = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    expect(requests).toBe(3);
    expect(seen).toEqual(ids);

    const beyond = await get(`${locationsUrl()}?offset=50&limit=3`);
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.headers.get('x-total-count')).toBe('8');
    expect(beyond.headers.get('link')).toBeNull();

    const capped = await get(`${locationsUrl()}?limit=5000`);
    expect(capped.headers.get('x-limit')).toBe('100');
    expect(capped.body.data).toHaveLength(8);

    const pivot = stamps[3];
    const from = await get(`${locationsUrl()}?date_from=${encodeURIComponent(pivot)}`);
    expect(from.body.data.map((l: TestJson) => l.id)).toEqual(ids.slice(3));
    expect(from.headers.get('x-total-count')).toBe(String(ids.length - 3));
    const to = await get(`${locationsUrl()}?date_to=${encodeURIComponent(pivot)}&limit=2`);
    expect(to.headers.get('x-total-count')).toBe('3');
    expect(to.body.data.map((l: TestJson) => l.id)).toEqual(ids.slice(0, 2));
    const link = to.headers.get('link') ?? '';
    expect(link).toContain('date_to=');
    expect(link).toContain('offset=2');

    for (const q of [
      'limit=abc',
      'offset=-1',
      'date_from=yesterday',
      'date_to=2026-01-01T00:00:00+01:00',
    ]) {
      const bad = await get(`${locationsUrl()}?${q}`);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ status_code: 2001 });
    }
  });

  it('an eMSP that answers an EVSE PATCH with 404/2003 (lost the location) gets the full Location PUT again [LOC › *PATCH* Method] (ocpi/ocpi#406)', async () => {
    const evsePath = `/ocpi/2.2.1/locations/NL/VLT/${LOC(11)}/E-${run}-11`;
    const locationPath = `/ocpi/2.2.1/locations/NL/VLT/${LOC(11)}`;
    let forgotten = true;
    peerA.handlers.unshift((req) => {
      if (req.path === locationPath && req.method === 'PUT') forgotten = false;
      if (forgotten && req.path === evsePath && req.method === 'PATCH') {
        return {
          status: 404,
          body: {
            status_code: 2003,
            status_message: 'Unknown location',
            timestamp: new Date().toISOString(),
          },
        };
      }
      return undefined;
    });
    const putsBefore = pushes(peerA, 'PUT', `/locations/NL/VLT/${LOC(11)}`).length;
    await status(STATION(11), 1, 'Charging');
    await waitPushes(peerA, 'PATCH', `/${LOC(11)}/E-${run}-11`, 1);
    const puts = await waitPushes(peerA, 'PUT', `/locations/NL/VLT/${LOC(11)}`, putsBefore + 1);
    const resent = puts[putsBefore].body as TestJson;
    expect(resent.evses[0]).toMatchObject({ uid: `E-${run}-11`, status: 'CHARGING' });
    expect(forgotten).toBe(false);
    // the rejected PATCH was superseded by the PUT: it is not retried any more
    await settle(3_000);
    const patchesAfterPut = peerA.requests
      .slice(peerA.requests.indexOf(puts[putsBefore]))
      .filter((r) => r.path === evsePath && r.method === 'PATCH');
    expect(patchesAfterPut).toHaveLength(0);
    // and later status changes flow as PATCHes again
    await status(STATION(11), 1, 'Available');
    const accepted = await waitFor(
      async () =>
        peerA.requests.filter(
          (r) =>
            r.path === evsePath &&
            r.method === 'PATCH' &&
            (r.body as TestJson).status === 'AVAILABLE',
        ),
      (list) => list.length >= 1,
      { timeoutMs: 30_000, what: 'PATCH AVAILABLE after the re-PUT' },
    );
    expect(accepted).toHaveLength(1);
  });

  it('tariffs: events → stored, PUT to eMSPs, GET list; stale versions ignored; deletion → DELETE [TAR › Push model]', async () => {
    const id = `T-${run}`;
    await send(Topics.TariffUpserted, {
      countryCode: 'NL',
      partyId: 'VLT',
      tariffId: id,
      currency: 'EUR',
      lastUpdated: '2026-11-01T00:00:00Z',
      tariff: tariff(id, '2026-11-01T00:00:00Z'),
    });
    const [put] = await waitPushes(peerA, 'PUT', `/tariffs/NL/VLT/${id}`, 1);
    expect(put.path).toBe(`/ocpi/2.2.1/tariffs/NL/VLT/${id}`);
    expect(put.body).toMatchObject({
      id,
      currency: 'EUR',
      last_updated: '2026-11-01T00:00:00.000Z',
    });

    // an older version (and a replay) changes nothing
    await send(Topics.TariffUpserted, {
      countryCode: 'NL',
      partyId: 'VLT',
      tariffId: id,
      currency: 'EUR',
      lastUpdated: '2026-10-01T00:00:00Z',
      tariff: tariff(id, '2026-10-01T00:00:00Z', 9.99),
    });
    await settle(2_500);
    expect(pushes(peerA, 'PUT', `/tariffs/NL/VLT/${id}`)).toHaveLength(1);

    const listed = await get(
      `${tariffsUrl()}?date_from=2026-11-01T00:00:00Z&date_to=2026-11-01T00:00:01Z`,
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.get('x-limit')).toBe('100');
    expect(listed.body.data.map((t: TestJson) => t.id)).toContain(id);
    expect(
      listed.body.data.find((t: TestJson) => t.id === id).elements[0].price_components[0].price,
    ).toBe(0.39);

    await send(Topics.TariffDeleted, {
      countryCode: 'NL',
      partyId: 'VLT',
      tariffId: id,
      deletedAt: '2026-11-02T00:00:00Z',
    });
    await waitPushes(peerA, 'DELETE', `/tariffs/NL/VLT/${id}`, 1);
    const after = await get(
      `${tariffsUrl()}?date_from=2026-11-01T00:00:00Z&date_to=2026-11-01T00:00:01Z`,
    );
    expect(after.body.data.map((t: TestJson) => t.id)).not.toContain(id);

    // a live second tariff for the late partner below
    await send(Topics.TariffUpserted, {
      countryCode: 'NL',
      partyId: 'VLT',
      tariffId: `${id}-2`,
      currency: 'EUR',
      lastUpdated: '2026-11-03T00:00:00Z',
      tariff: tariff(`${id}-2`, '2026-11-03T00:00:00Z'),
    });
    await waitPushes(peerA, 'PUT', `/tariffs/NL/VLT/${id}-2`, 1);
  });

  it("a partner registered later gets every live tariff and listed location as a full PUT first, then PATCHes; never another partner's objects", async () => {
    const late = await registeredEmsp('EB2');
    const listedIds = [LOC(1), LOC(2), LOC(5), LOC(10), LOC(11), LOC(12), LOC(13), LOC(14)];
    for (const id of listedIds) await waitPushes(late.peer, 'PUT', `/locations/NL/VLT/${id}`, 1);
    await waitPushes(late.peer, 'PUT', `/tariffs/NL/VLT/T-${run}-2`, 1);
    await settle(2_500);
    // not the retired, unpublished or deleted ones, and each exactly once
    expect(pushes(late.peer, 'PUT', `/${LOC(3)}`)).toHaveLength(0);
    expect(pushes(late.peer, 'PUT', `/${LOC(4)}`)).toHaveLength(0);
    expect(
      pushes(late.peer, 'PUT', `/tariffs/NL/VLT/T-${run}`).filter((r) =>
        r.path.endsWith(`T-${run}`),
      ),
    ).toHaveLength(0);
    for (const id of listedIds) {
      const exact = late.peer.requests.filter(
        (r) => r.method === 'PUT' && r.path === `/ocpi/2.2.1/locations/NL/VLT/${id}`,
      );
      expect(exact).toHaveLength(1);
    }
    // pushes to B carry B's token, never A's
    const bAuth = `Token ${Buffer.from(late.peerToken).toString('base64')}`;
    expect(
      late.peer.requests
        .filter((r) => r.path.includes('/locations/'))
        .every((r) => r.headers.authorization === bAuth),
    ).toBe(true);

    // per location, B's first request is the full PUT (a PATCH never precedes it)
    for (const id of listedIds) {
      const first = late.peer.requests.find((r) => r.path.includes(`/locations/NL/VLT/${id}`));
      expect(first?.method).toBe('PUT');
    }
    // a status change now goes as PATCH to both partners
    await status(STATION(10), 1, 'Charging');
    await waitPushes(late.peer, 'PATCH', `/${LOC(10)}/E-${run}-10`, 1);
    await waitPushes(peerA, 'PATCH', `/${LOC(10)}/E-${run}-10`, 1);
    // B reads the same public locations with its own token
    const list = await late.peer.call('GET', `${locationsUrl()}?limit=100`, late.token);
    expect(list.headers.get('x-total-count')).toBe('8');

    // unregistered and registered again: it starts from an empty copy and gets everything again
    const del = await late.peer.call(
      'DELETE',
      `${cpo.baseUrl}/ocpi/cpo/2.2.1/credentials`,
      late.token,
    );
    expect(del.body.status_code).toBe(1000);
    const newTokenA = await cpo.adminApi('POST', `/admin/v1/partners/${late.partnerId}/token`);
    expect(newTokenA.status).toBe(201);
    const again = await late.peer.registerWith(versionsUrl(), newTokenA.body.token);
    expect(again.answer.body.status_code).toBe(1000);
    for (const id of listedIds) {
      await waitFor(
        async () =>
          late.peer.requests.filter(
            (r) => r.method === 'PUT' && r.path === `/ocpi/2.2.1/locations/NL/VLT/${id}`,
          ).length,
        (n) => n >= 2,
        { timeoutMs: 30_000, what: `second full PUT of ${id} after re-registration` },
      );
    }
    await waitPushes(late.peer, 'PUT', `/tariffs/NL/VLT/T-${run}-2`, 2);
  });
});
