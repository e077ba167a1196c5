import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  type InvoiceIssuedV1,
  keyOf,
  toHeaders,
  Topics,
} from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * Driver API of ocpi-emsp (ADR 0072) as a real process on real Kafka and PostgreSQL, with a
 * scripted CPO registered through the real credentials handshake: tokens issued and blocked are
 * pushed to the CPO, locations the CPO pushed are searched nearest-first with live availability,
 * sessions are started and stopped through OCPI commands, and the driver sees its own sessions,
 * CDRs and invoices (fed by `billing.invoice.issued.v1`).
 */
const run = randomUUID().slice(0, 8);
const DRIVER_API_KEY = `driver-api-key-${run}-0123456789abcdef`;
const LOC = (n: number) => `DL-${run}-${n}`;
const now = () => new Date().toISOString();

// centre of the searches: Utrecht Centraal; offsets in latitude ≈ 111 m per 0.001°
const CENTRE = { lat: 52.0894, lon: 5.11 };
const lat = (metresNorth: number) => (CENTRE.lat + metresNorth / 111_195).toFixed(6);

function connector(id: string, kind: 'AC' | 'DC') {
  return kind === 'AC'
    ? {
        id,
        standard: 'IEC_62196_T2',
        format: 'SOCKET',
        power_type: 'AC_3_PHASE',
        max_voltage: 230,
        max_amperage: 32,
        last_updated: now(),
      }
    : {
        id,
        standard: 'IEC_62196_T2_COMBO',
        format: 'CABLE',
        power_type: 'DC',
        max_voltage: 920,
        max_amperage: 500,
        max_electric_power: 150_000,
        last_updated: now(),
      };
}

function location(
  id: string,
  metresNorth: number,
  evses: { uid: string; status: string; kind: 'AC' | 'DC' }[],
) {
  return {
    country_code: 'BE',
    party_id: 'DCP',
    id,
    publish: true,
    name: `Site ${id}`,
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511ED',
    country: 'NLD',
    coordinates: { latitude: lat(metresNorth), longitude: CENTRE.lon.toFixed(6) },
    time_zone: 'Europe/Amsterdam',
    evses: evses.map((e) => ({
      uid: e.uid,
      status: e.status,
      connectors: [connector('1', e.kind)],
      last_updated: now(),
    })),
    last_updated: now(),
  };
}

describe('ocpi-emsp driver API (real process, Kafka, PostgreSQL, scripted CPO)', () => {
  const emsp = new OcpiServiceProcess({
    app: 'ocpi-emsp',
    countryCode: 'NL',
    partyId: 'VLE',
    env: { DRIVER_API_KEY },
  });
  const cpo = new ScriptedOcpiPeer({ countryCode: 'BE', partyId: 'DCP', role: 'CPO' });
  let cpoToken: string;
  let kafka: KafkaPlatform;
  /** What the scripted CPO answers to a command (changed per test). */
  let commandAnswer = 'ACCEPTED';

  const api = async (method: string, path: string, body?: unknown, key = DRIVER_API_KEY) => {
    const res = await fetch(`${emsp.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as TestJson };
  };
  const ocpi = (method: string, path: string, body?: unknown) =>
    cpo.call(method, `${emsp.baseUrl}/ocpi/emsp/2.2.1/${path}`, cpoToken, body);

  const tokenPuts = (uid: string): RecordedRequest[] =>
    cpo.requests.filter((r) => r.method === 'PUT' && r.path === `/ocpi/2.2.1/tokens/NL/VLE/${uid}`);
  const commandPosts = (type: string): RecordedRequest[] =>
    cpo.requests.filter((r) => r.method === 'POST' && r.path === `/ocpi/2.2.1/commands/${type}`);

  async function newDriver(name: string) {
    const created = await api('POST', '/drivers', { name, email: `${name}@example.org` });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-emsp-driver-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([Topics.InvoiceIssued]);
    await cpo.start();
    cpo.endpoints.push(
      { identifier: 'tokens', role: 'RECEIVER', path: 'tokens' },
      { identifier: 'commands', role: 'RECEIVER', path: 'commands' },
    );
    cpo.handlers.push((req) => {
      if (req.path.startsWith('/ocpi/2.2.1/tokens/')) {
        return { status: 200, body: { status_code: 1000, timestamp: now() } };
      }
      if (req.path.startsWith('/ocpi/2.2.1/commands/')) {
        return {
          status: 200,
          body: {
            data: { result: commandAnswer, timeout: 30 },
            status_code: 1000,
            timestamp: now(),
          },
        };
      }
      return undefined;
    });
    await emsp.start();
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'scripted CPO DCP',
      roles: [{ country_code: 'BE', party_id: 'DCP', role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await cpo.registerWith(partner.body.versions_url, partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    cpoToken = cpo.clientToken as string;
  }, 120_000);

  afterAll(async () => {
    await cpo.stop();
    await kafka?.disconnect();
    await emsp.destroy();
  });

  it('requires the driver API key (not the operator key)', async () => {
    expect(
      (await api('POST', '/drivers', { name: 'x' }, 'wrong-key-0123456789012345')).status,
    ).toBe(401);
    expect((await api('GET', '/locations?lat=52&lon=5', undefined, emsp.adminApiKey)).status).toBe(
      401,
    );
  });

  it('creates and reads drivers; invalid or unknown → 400 / 404', async () => {
    const id = await newDriver(`ada-${run}`);
    const got = await api('GET', `/drivers/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, name: `ada-${run}`, email: `ada-${run}@example.org` });
    expect((await api('POST', '/drivers', { email: 'not-an-email' })).status).toBe(400);
    expect((await api('GET', `/drivers/${randomUUID()}`)).status).toBe(404);
  });

  it('issues RFID and app tokens with contract ids, pushed to the CPO; a taken uid → 409', async () => {
    const driver = await newDriver(`tok-${run}`);
    const rfidUid = `RF${run}`.toUpperCase();
    const rfid = await api('POST', `/drivers/${driver}/tokens`, {
      type: 'RFID',
      uid: rfidUid,
      visual_number: 'VL-123',
    });
    expect(rfid.status).toBe(201);
    expect(rfid.body).toMatchObject({
      uid: rfidUid,
      type: 'RFID',
      valid: true,
      visual_number: 'VL-123',
    });
    expect(rfid.body.contract_id).toMatch(/^NL-VLE-C\d{8}-[0-9A-Z]$/);

    const app = await api('POST', `/drivers/${driver}/tokens`, { type: 'APP_USER' });
    expect(app.status).toBe(201);
    expect(app.body.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.body.contract_id).not.toBe(rfid.body.contract_id);

    const [put] = await waitFor(
      async () => tokenPuts(rfidUid),
      (l) => l.length >= 1,
      { timeoutMs: 20_000, what: 'token PUT at the CPO' },
    );
    expect(put.query).toBe('type=RFID');
    expect(put.body).toMatchObject({
      uid: rfidUid,
      contract_id: rfid.body.contract_id,
      valid: true,
    });
    await waitFor(
      async () => tokenPuts(app.body.uid),
      (l) => l.length >= 1,
      { timeoutMs: 20_000, what: 'app token PUT at the CPO' },
    );

    const other = await newDriver(`other-${run}`);
    expect(
      (await api('POST', `/drivers/${other}/tokens`, { type: 'RFID', uid: rfidUid })).status,
    ).toBe(409);
    expect((await api('POST', `/drivers/${other}/tokens`, { type: 'RFID' })).status).toBe(400);
    expect(
      (await api('POST', `/drivers/${other}/tokens`, { type: 'APP_USER', uid: 'X' })).status,
    ).toBe(400);

    // two drivers racing for one card uid: exactly one gets it, the other 409, no takeover
    const raceUid = `RC${run}`.toUpperCase();
    const racers = [await newDriver(`race1-${run}`), await newDriver(`race2-${run}`)];
    const raced = await Promise.all(
      racers.map((d) => api('POST', `/drivers/${d}/tokens`, { type: 'RFID', uid: raceUid })),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = racers[raced.findIndex((r) => r.status === 201)];
    const owned = await Promise.all(racers.map((d) => api('GET', `/drivers/${d}/tokens`)));
    expect(owned.map((o) => o.body.items.length)).toEqual(
      racers.map((d) => (d === winner ? 1 : 0)),
    );

    const list = await api('GET', `/drivers/${driver}/tokens`);
    expect(list.body.items.map((t: TestJson) => t.type).sort()).toEqual(['APP_USER', 'RFID']);
    expect((await api('GET', `/drivers/${other}/tokens`)).body.items).toEqual([]);
  });

  it('blocking pushes valid=false to the CPO at once; unblocking pushes valid=true', async () => {
    const driver = await newDriver(`blk-${run}`);
    const uid = `BL${run}`.toUpperCase();
    expect((await api('POST', `/drivers/${driver}/tokens`, { type: 'RFID', uid })).status).toBe(
      201,
    );
    await waitFor(
      async () => tokenPuts(uid),
      (l) => l.length >= 1,
      { timeoutMs: 20_000, what: 'first PUT' },
    );

    const started = Date.now();
    const blocked = await api('POST', `/drivers/${driver}/tokens/${uid}/block`);
    expect(blocked.status).toBe(200);
    expect(blocked.body.valid).toBe(false);
    const puts = await waitFor(
      async () => tokenPuts(uid),
      (l) => l.length >= 2,
      { timeoutMs: 5_000, what: 'block PUT' },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(puts[1].body).toMatchObject({ uid, valid: false });

    const other = await newDriver(`blk2-${run}`);
    expect((await api('POST', `/drivers/${other}/tokens/${uid}/block`)).status).toBe(404);

    expect((await api('POST', `/drivers/${driver}/tokens/${uid}/unblock`)).body.valid).toBe(true);
    const again = await waitFor(
      async () => tokenPuts(uid),
      (l) => l.length >= 3,
      {
        timeoutMs: 5_000,
        what: 'unblock PUT',
      },
    );
    expect(again[2].body).toMatchObject({ uid, valid: true });
  });

  it('searches received locations nearest first with live availability and filters', async () => {
    const locations = [
      location(LOC(1), 900, [
        { uid: 'E1', status: 'CHARGING', kind: 'AC' },
        { uid: 'E2', status: 'AVAILABLE', kind: 'DC' },
      ]),
      location(LOC(2), 300, [
        { uid: 'E1', status: 'AVAILABLE', kind: 'AC' },
        { uid: 'E2', status: 'AVAILABLE', kind: 'AC' },
        { uid: 'E3', status: 'OUTOFORDER', kind: 'AC' },
      ]),
      location(LOC(3), 600, [{ uid: 'E1', status: 'CHARGING', kind: 'DC' }]),
      location(LOC(4), 20_000, [{ uid: 'E1', status: 'AVAILABLE', kind: 'AC' }]),
    ];
    for (const l of locations) {
      expect((await ocpi('PUT', `locations/BE/DCP/${l.id}`, l)).status).toBe(201);
    }
    const q = `lat=${CENTRE.lat}&lon=${CENTRE.lon}&radius_m=2000`;
    const ours = (items: TestJson[]) => items.filter((i) => String(i.location_id).includes(run));

    const all = ours((await api('GET', `/locations?${q}`)).body.items);
    expect(all.map((i) => i.location_id)).toEqual([LOC(2), LOC(3), LOC(1)]);
    expect(all[0].distance_m).toBeGreaterThan(280);
    expect(all[0].distance_m).toBeLessThan(320);
    expect(all[0].availability).toEqual({ evses: 3, available: 2 });
    expect(all[1].availability).toEqual({ evses: 1, available: 0 });
    expect(all[2].availability).toEqual({ evses: 2, available: 1 });

    const dc = ours((await api('GET', `/locations?${q}&min_power_kw=50`)).body.items);
    expect(dc.map((i) => i.location_id)).toEqual([LOC(3), LOC(1)]);
    expect(dc[1].evses.map((e: TestJson) => e.uid)).toEqual(['E2']);
    expect(dc[1].evses[0].connectors[0].max_power_kw).toBe(150);

    const dcNow = ours(
      (await api('GET', `/locations?${q}&min_power_kw=50&available_now=true`)).body.items,
    );
    expect(dcNow.map((i) => i.location_id)).toEqual([LOC(1)]);

    const t2 = ours((await api('GET', `/locations?${q}&connector_type=IEC_62196_T2`)).body.items);
    expect(t2.map((i) => i.location_id)).toEqual([LOC(2), LOC(1)]);

    const wide = ours(
      (await api('GET', `/locations?${q.replace('2000', '30000')}&limit=100`)).body.items,
    );
    expect(wide.map((i) => i.location_id)).toEqual([LOC(2), LOC(3), LOC(1), LOC(4)]);

    // live: the CPO reports the DC charger at LOC(3) free again
    const patched = await ocpi('PATCH', `locations/BE/DCP/${LOC(3)}/E1`, {
      status: 'AVAILABLE',
      last_updated: new Date(Date.now() + 1000).toISOString(),
    });
    expect(patched.status).toBe(200);
    const live = ours(
      (await api('GET', `/locations?${q}&min_power_kw=50&available_now=true`)).body.items,
    );
    expect(live.map((i) => i.location_id)).toEqual([LOC(3), LOC(1)]);

    expect((await api('GET', `/locations?lat=95&lon=5`)).status).toBe(400);
  });

  it('starts a session by app: START_SESSION to the CPO, its result visible; live session; stop', async () => {
    const driver = await newDriver(`ses-${run}`);
    commandAnswer = 'ACCEPTED';
    const start = await api('POST', '/sessions', {
      driver_id: driver,
      location_id: LOC(2),
      evse_uid: 'E1',
      connector_id: '1',
    });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({ type: 'START_SESSION', state: 'ACCEPTED' });
    const commandId = start.body.command_id as string;

    // an APP_USER token was issued for the driver and sent in the command
    const tokens = (await api('GET', `/drivers/${driver}/tokens`)).body.items;
    expect(tokens).toHaveLength(1);
    expect(tokens[0].type).toBe('APP_USER');
    const post = commandPosts('START_SESSION').find(
      (r) => (r.body as TestJson).token?.uid === tokens[0].uid,
    );
    expect(post?.body).toMatchObject({
      location_id: LOC(2),
      evse_uid: 'E1',
      connector_id: '1',
      token: { uid: tokens[0].uid, type: 'APP_USER', contract_id: tokens[0].contract_id },
    });
    const responseUrl = (post?.body as TestJson).response_url as string;

    // the CPO reports the result to our response_url
    const result = await cpo.call('POST', responseUrl, cpoToken, { result: 'ACCEPTED' });
    expect(result.body.status_code).toBe(1000);
    const seen = await api('GET', `/commands/${commandId}?driver_id=${driver}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: commandId, state: 'ACCEPTED' });
    expect(seen.body.result).toMatchObject({ result: 'ACCEPTED' });
    const stranger = await newDriver(`stranger-${run}`);
    expect((await api('GET', `/commands/${commandId}?driver_id=${stranger}`)).status).toBe(404);

    // the CPO pushes the session; the driver sees energy, duration and cost so far
    const sessionId = `DS-${run}`;
    const startedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const put = await ocpi('PUT', `sessions/BE/DCP/${sessionId}`, {
      country_code: 'BE',
      party_id: 'DCP',
      id: sessionId,
      start_date_time: startedAt,
      kwh: 3.25,
      cdr_token: {
        country_code: 'NL',
        party_id: 'VLE',
        uid: tokens[0].uid,
        type: 'APP_USER',
        contract_id: tokens[0].contract_id,
      },
      auth_method: 'COMMAND',
      location_id: LOC(2),
      evse_uid: 'E1',
      connector_id: '1',
      currency: 'EUR',
      total_cost: { excl_vat: 1.14, incl_vat: 1.38 },
      status: 'ACTIVE',
      last_updated: now(),
    });
    expect(put.status).toBe(201);
    const live = await api('GET', `/sessions/${sessionId}?driver_id=${driver}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      id: sessionId,
      status: 'ACTIVE',
      kwh: 3.25,
      cost_so_far: { excl_vat: 1.14, incl_vat: 1.38 },
    });
    expect(live.body.duration_seconds).toBeGreaterThanOrEqual(600);
    expect(live.body.duration_seconds).toBeLessThan(700);
    expect((await api('GET', `/sessions/${sessionId}?driver_id=${stranger}`)).status).toBe(404);
    expect((await api('GET', `/sessions/${sessionId}`)).status).toBe(400);

    const stop = await api('POST', `/sessions/${sessionId}/stop`, { driver_id: driver });
    expect(stop.status).toBe(202);
    expect(stop.body).toMatchObject({ type: 'STOP_SESSION', state: 'ACCEPTED' });
    expect(
      commandPosts('STOP_SESSION').some((r) => (r.body as TestJson).session_id === sessionId),
    ).toBe(true);
    expect((await api('POST', `/sessions/${sessionId}/stop`, { driver_id: stranger })).status).toBe(
      404,
    );

    // a refusal by the CPO is the command's state
    commandAnswer = 'REJECTED';
    const refused = await api('POST', '/sessions', {
      driver_id: driver,
      location_id: LOC(2),
      evse_uid: 'E2',
      connector_id: '1',
    });
    expect(refused.status).toBe(202);
    expect(refused.body.state).toBe('REJECTED');
    commandAnswer = 'ACCEPTED';
    expect(
      (
        await api('POST', '/sessions', {
          driver_id: driver,
          location_id: LOC(2),
          evse_uid: 'NOPE',
          connector_id: '1',
        })
      ).status,
    ).toBe(404);
  });

  it("lists the driver's CDRs and invoices (from billing.invoice.issued.v1, idempotent)", async () => {
    const driver = await newDriver(`bill-${run}`);
    const uid = `BI${run}`.toUpperCase();
    const token = (await api('POST', `/drivers/${driver}/tokens`, { type: 'RFID', uid })).body;
    const cdrId = `DCDR-${run}`;
    const at = (m: number) => new Date(Date.UTC(2026, 10, 22, 8, m)).toISOString();
    const posted = await ocpi('POST', 'cdrs', {
      country_code: 'BE',
      party_id: 'DCP',
      id: cdrId,
      start_date_time: at(0),
      end_date_time: at(59),
      cdr_token: {
        country_code: 'NL',
        party_id: 'VLE',
        uid,
        type: 'RFID',
        contract_id: token.contract_id,
      },
      auth_method: 'WHITELIST',
      cdr_location: {
        id: LOC(2),
        address: 'Stationsplein 1',
        city: 'Utrecht',
        country: 'NLD',
        coordinates: { latitude: lat(300), longitude: CENTRE.lon.toFixed(6) },
        evse_uid: 'E1',
        evse_id: 'BE*DCP*E1',
        connector_id: '1',
        connector_standard: 'IEC_62196_T2',
        connector_format: 'SOCKET',
        connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR',
      charging_periods: [
        { start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 12.5 }] },
      ],
      total_cost: { excl_vat: 4.38, incl_vat: 5.3 },
      total_energy: 12.5,
      total_time: 0.9833,
      last_updated: at(59),
    });
    expect(posted.status).toBe(201);
    const cdrs = await api('GET', `/drivers/${driver}/cdrs`);
    expect(cdrs.body.total).toBe(1);
    expect(cdrs.body.items[0]).toMatchObject({ id: cdrId, total_energy: 12.5 });
    const stranger = await newDriver(`bill2-${run}`);
    expect((await api('GET', `/drivers/${stranger}/cdrs`)).body.total).toBe(0);

    const invoice = (n: number, extra: Partial<InvoiceIssuedV1>): InvoiceIssuedV1 => ({
      invoiceId: randomUUID(),
      invoiceNumber: `VLE-2026-${run}-${n}`,
      kind: 'INVOICE',
      currency: 'EUR',
      totalExclVat: 4.38,
      totalVat: 0.92,
      totalInclVat: 5.3,
      lines: [
        {
          cdrId,
          cpoCountryCode: 'BE',
          cpoPartyId: 'DCP',
          description: 'Energy 12.5 kWh',
          amountExclVat: 4.38,
          vatRatePercent: 21,
          amountInclVat: 5.3,
        },
      ],
      issuedAt: at(n),
      ...extra,
    });
    const byDriver = invoice(1, { driverId: driver });
    const byToken = invoice(2, { tokenUid: uid, contractId: token.contract_id });
    const foreign = invoice(3, { driverId: stranger });
    const records = [byDriver, byToken, foreign, byDriver].map((data) => {
      const envelope = createEnvelope(Topics.InvoiceIssued, data, {
        producer: 'cdr-billing',
        correlationId: `driver-e2e-${run}`,
        causationId: null,
      });
      return {
        topic: Topics.InvoiceIssued,
        key: keyOf(Topics.InvoiceIssued, data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      };
    });
    await kafka.producer.send(records);
    const listed = await waitFor(
      async () => (await api('GET', `/drivers/${driver}/invoices`)).body,
      (b) => b.total >= 2,
      { timeoutMs: 30_000, what: "the driver's invoices" },
    );
    expect(listed.items.map((i: TestJson) => i.invoiceNumber)).toEqual([
      byToken.invoiceNumber,
      byDriver.invoiceNumber,
    ]);
    await waitFor(
      async () => (await api('GET', `/drivers/${stranger}/invoices`)).body.total,
      (n) => n === 1,
      { timeoutMs: 30_000, what: "the stranger's invoice" },
    );
    // the duplicate delivery of byDriver did not add a row
    expect((await api('GET', `/drivers/${driver}/invoices`)).body.total).toBe(2);
  });
});
