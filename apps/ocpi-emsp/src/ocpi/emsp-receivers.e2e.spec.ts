import { randomUUID } from 'node:crypto';
import {
  type EmspCdrReceivedV1,
  type EmspLocationUpdatedV1,
  type EmspSessionUpdatedV1,
  Topics,
} from '@voltlane/contracts-events';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { Pool } from 'pg';
import { OcpiServiceProcess, ScriptedOcpiPeer, type TestJson, waitFor } from '@voltlane/testing';

/**
 * ocpi-emsp Receiver interfaces (locations, tariffs, sessions, cdrs) as a real process on real
 * Kafka and PostgreSQL, pushed to by scripted CPO peers registered through the real credentials
 * handshake (ADR 0070). Checklist items of /work/shared/design/ocpi-essentials.md are cited as
 * [LOC ›…], [SES ›…], [CDR ›…], [T&F ›…].
 */
const run = randomUUID().slice(0, 8);
const LOC = (n: number) => `L-${run}-${n}`;
const EVSE = (n: number) => `E-${run}-${n}`;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute, 0)).toISOString();

function connector(id: string, lastUpdated: string) {
  return {
    id,
    standard: 'IEC_62196_T2',
    format: 'SOCKET',
    power_type: 'AC_3_PHASE',
    max_voltage: 230,
    max_amperage: 32,
    tariff_ids: [`T-${run}`],
    last_updated: lastUpdated,
  };
}

function evse(uid: string, lastUpdated: string, status = 'AVAILABLE') {
  return { uid, status, connectors: [connector('1', lastUpdated)], last_updated: lastUpdated };
}

function location(cc: string, pid: string, id: string, lastUpdated: string, evses: unknown[]) {
  return {
    country_code: cc,
    party_id: pid,
    id,
    publish: true,
    name: 'Scripted CPO site',
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511ED',
    country: 'NLD',
    coordinates: { latitude: '52.089440', longitude: '5.110000' },
    time_zone: 'Europe/Amsterdam',
    evses,
    last_updated: lastUpdated,
  };
}

function tariff(cc: string, pid: string, id: string, lastUpdated: string, price = 0.35) {
  return {
    country_code: cc,
    party_id: pid,
    id,
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }],
    last_updated: lastUpdated,
  };
}

function session(cc: string, pid: string, id: string, lastUpdated: string, extra = {}) {
  return {
    country_code: cc,
    party_id: pid,
    id,
    start_date_time: at(0),
    kwh: 0,
    cdr_token: {
      country_code: 'NL',
      party_id: 'VLE',
      uid: `TOK-${run}`,
      type: 'RFID',
      contract_id: 'NL-VLE-C12345678-X',
    },
    auth_method: 'AUTH_REQUEST',
    location_id: LOC(1),
    evse_uid: EVSE(1),
    connector_id: '1',
    currency: 'EUR',
    status: 'ACTIVE',
    charging_periods: [{ start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 1.5 }] }],
    last_updated: lastUpdated,
    ...extra,
  };
}

function cdr(cc: string, pid: string, id: string, extra = {}) {
  return {
    country_code: cc,
    party_id: pid,
    id,
    start_date_time: at(0),
    end_date_time: at(59),
    session_id: `S-${run}-1`,
    cdr_token: {
      country_code: 'NL',
      party_id: 'VLE',
      uid: `TOK-${run}`,
      type: 'RFID',
      contract_id: 'NL-VLE-C12345678-X',
    },
    auth_method: 'AUTH_REQUEST',
    cdr_location: {
      id: LOC(1),
      name: 'Scripted CPO site',
      address: 'Stationsplein 1',
      city: 'Utrecht',
      postal_code: '3511ED',
      country: 'NLD',
      coordinates: { latitude: '52.089440', longitude: '5.110000' },
      evse_uid: EVSE(1),
      evse_id: 'NL*CPA*E1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    currency: 'EUR',
    charging_periods: [{ start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 12.5 }] }],
    total_cost: { excl_vat: 4.375, incl_vat: 5.29 },
    total_energy: 12.5,
    total_time: 0.9833,
    last_updated: at(59),
    ...extra,
  };
}

describe('ocpi-emsp Receiver modules (real process, Kafka, PostgreSQL, scripted CPOs)', () => {
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });
  const peers: ScriptedOcpiPeer[] = [];
  const events = {
    locations: [] as EmspLocationUpdatedV1[],
    sessions: [] as EmspSessionUpdatedV1[],
    cdrs: [] as EmspCdrReceivedV1[],
  };
  let kafka: KafkaPlatform;
  let cpoA: { peer: ScriptedOcpiPeer; token: string };
  let cpoB: { peer: ScriptedOcpiPeer; token: string };
  const base = () => `${emsp.baseUrl}/ocpi/emsp/2.2.1`;

  /** A scripted CPO registered with the eMSP through the real handshake (Token A → B → C). */
  async function registeredCpo(countryCode: string, partyId: string) {
    const peer = await new ScriptedOcpiPeer({ countryCode, partyId, role: 'CPO' }).start();
    peers.push(peer);
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: `scripted CPO ${partyId}`,
      roles: [{ country_code: countryCode, party_id: partyId, role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await peer.registerWith(partner.body.versions_url, partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string };
  }

  const call = (
    who: { peer: ScriptedOcpiPeer; token: string },
    method: string,
    path: string,
    body?: unknown,
  ) => who.peer.call(method, `${base()}/${path}`, who.token, body);

  const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-emsp-receivers-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    const topics = [Topics.EmspLocationUpdated, Topics.EmspSessionUpdated, Topics.EmspCdrReceived];
    await kafka.start(topics);
    const collector = kafka.createConsumer({
      groupId: `ocpi-emsp-receivers-e2e-${run}`,
      topics,
      isTransient: () => true,
      handler: async (batch: InboundEvent[]) => {
        for (const e of batch) {
          const data = e.envelope.data as TestJson;
          if (!JSON.stringify(data).includes(run)) continue;
          if (e.topic === Topics.EmspLocationUpdated) events.locations.push(data);
          if (e.topic === Topics.EmspSessionUpdated) events.sessions.push(data);
          if (e.topic === Topics.EmspCdrReceived) events.cdrs.push(data);
        }
      },
    });
    await collector.start();
    await emsp.start();
    cpoA = await registeredCpo('NL', 'CPA');
    cpoB = await registeredCpo('DE', 'CPB');
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await emsp.destroy();
    await kafka?.disconnect();
  });

  it('advertises the Receiver interfaces and the tokens Sender [VER › Endpoint _class_]', async () => {
    const details = await cpoA.peer.call('GET', base(), cpoA.token);
    expect(details.status).toBe(200);
    expect(details.body.data.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'locations', role: 'RECEIVER', url: `${base()}/locations` },
        { identifier: 'tariffs', role: 'RECEIVER', url: `${base()}/tariffs` },
        { identifier: 'sessions', role: 'RECEIVER', url: `${base()}/sessions` },
        { identifier: 'cdrs', role: 'RECEIVER', url: `${base()}/cdrs` },
        { identifier: 'tokens', role: 'SENDER', url: `${base()}/tokens` },
      ]),
    );
  });

  it('locations: PUT creates (201), replays and older pushes are ignored, GET returns what we hold [LOC › *PUT* Method]', async () => {
    const path = `locations/NL/CPA/${LOC(1)}`;
    const body = location('NL', 'CPA', LOC(1), at(1), [evse(EVSE(1), at(1)), evse(EVSE(2), at(1))]);
    const put = await call(cpoA, 'PUT', path, body);
    expect(put.status).toBe(201);
    expect(put.body.status_code).toBe(1000);

    const again = await call(cpoA, 'PUT', path, body);
    expect([again.status, again.body.status_code]).toEqual([200, 1000]);
    const older = await call(cpoA, 'PUT', path, { ...body, name: 'older', last_updated: at(0) });
    expect([older.status, older.body.status_code]).toEqual([200, 1000]);

    const got = await call(cpoA, 'GET', path);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({
      id: LOC(1),
      name: 'Scripted CPO site',
      last_updated: at(1),
    });
    expect(got.body.data.evses).toHaveLength(2);
    // case-insensitive ids (CiString) address the same object
    const lower = await call(cpoA, 'GET', `locations/nl/cpa/${LOC(1).toLowerCase()}/${EVSE(2)}`);
    expect(lower.status).toBe(200);
    expect(lower.body.data.uid).toBe(EVSE(2));

    const unknown = await call(cpoA, 'GET', `locations/NL/CPA/${LOC(99)}`);
    expect(unknown.status).toBe(404);
  });

  it('locations: EVSE and connector PATCH/PUT merge and bump the parents; stale ones are ignored [LOC › *PATCH* Method]', async () => {
    const path = `locations/NL/CPA/${LOC(1)}`;
    const patch = await call(cpoA, 'PATCH', `${path}/${EVSE(1)}`, {
      status: 'CHARGING',
      last_updated: at(5),
    });
    expect([patch.status, patch.body.status_code]).toEqual([200, 1000]);
    // a late PATCH with an older timestamp must not undo it
    const stale = await call(cpoA, 'PATCH', `${path}/${EVSE(1)}`, {
      status: 'AVAILABLE',
      last_updated: at(4),
    });
    expect([stale.status, stale.body.status_code]).toEqual([200, 1000]);

    const connectorPatch = await call(cpoA, 'PATCH', `${path}/${EVSE(2)}/1`, {
      max_electric_power: 22000,
      last_updated: at(6),
    });
    expect(connectorPatch.body.status_code).toBe(1000);

    const newEvse = await call(cpoA, 'PUT', `${path}/${EVSE(3)}`, evse(EVSE(3), at(7), 'PLANNED'));
    expect([newEvse.status, newEvse.body.status_code]).toEqual([201, 1000]);

    const loc = (await call(cpoA, 'GET', path)).body.data;
    expect(loc.last_updated).toBe(at(7));
    const byUid = (uid: string) => loc.evses.find((e: TestJson) => e.uid === uid);
    expect(byUid(EVSE(1))).toMatchObject({ status: 'CHARGING', last_updated: at(5) });
    expect(byUid(EVSE(2))).toMatchObject({ last_updated: at(6) });
    expect(byUid(EVSE(2)).connectors[0]).toMatchObject({
      max_electric_power: 22000,
      standard: 'IEC_62196_T2',
      last_updated: at(6),
    });
    expect(byUid(EVSE(3))).toMatchObject({ status: 'PLANNED' });

    const connector = await call(cpoA, 'GET', `${path}/${EVSE(2)}/1`);
    expect(connector.body.data).toMatchObject({ id: '1', max_electric_power: 22000 });

    // Kafka: one event per applied push, carrying the whole merged location
    await waitFor(
      async () => events.locations.filter((e) => e.locationId === LOC(1)),
      (list) => list.length >= 4,
      { timeoutMs: 30_000, what: '4 emsp.location.updated.v1 events' },
    );
    await settle();
    const all = events.locations.filter((e) => e.locationId === LOC(1));
    expect(all.map((e) => [e.changeKind, e.evseUid ?? null, e.connectorId ?? null])).toEqual([
      ['PUT', null, null],
      ['PATCH', EVSE(1), null],
      ['PATCH', EVSE(2), '1'],
      ['PUT', EVSE(3), null],
    ]);
    const last = all[all.length - 1];
    expect(last).toMatchObject({ countryCode: 'NL', partyId: 'CPA', lastUpdated: at(7) });
    expect((last.location as TestJson).evses).toHaveLength(3);
  });

  it('locations: invalid pushes get the spec error codes [SC › 2xxx] [LOC › Receiver Interface]', async () => {
    const path = `locations/NL/CPA/${LOC(1)}`;
    // EVSE/connector of an unknown location → 404 + 2003 (ocpi/ocpi#406)
    const orphan = await call(
      cpoA,
      'PUT',
      `locations/NL/CPA/${LOC(2)}/${EVSE(9)}`,
      evse(EVSE(9), at(8)),
    );
    expect([orphan.status, orphan.body.status_code]).toEqual([404, 2003]);
    const orphanPatch = await call(cpoA, 'PATCH', `locations/NL/CPA/${LOC(2)}`, {
      name: 'x',
      last_updated: at(8),
    });
    expect([orphanPatch.status, orphanPatch.body.status_code]).toEqual([404, 2003]);
    const unknownEvse = await call(cpoA, 'PATCH', `${path}/${EVSE(9)}`, {
      status: 'AVAILABLE',
      last_updated: at(8),
    });
    expect([unknownEvse.status, unknownEvse.body.status_code]).toEqual([404, 2003]);
    // PATCH without last_updated → 2001
    const noTimestamp = await call(cpoA, 'PATCH', `${path}/${EVSE(1)}`, { status: 'AVAILABLE' });
    expect([noTimestamp.status, noTimestamp.body.status_code]).toEqual([400, 2001]);
    expect(noTimestamp.body.status_message).toContain('last_updated');
    // URL id ≠ body id → 2001
    const otherId = await call(cpoA, 'PUT', path, location('NL', 'CPA', LOC(3), at(9), []));
    expect([otherId.status, otherId.body.status_code]).toEqual([400, 2001]);
    const otherParty = await call(cpoA, 'PUT', path, location('NL', 'CPX', LOC(1), at(9), []));
    expect([otherParty.status, otherParty.body.status_code]).toEqual([400, 2001]);
    // an invalid object names the field
    const bad = location('NL', 'CPA', LOC(1), at(9), [evse(EVSE(1), at(9))]) as TestJson;
    bad.coordinates.latitude = '52.1';
    bad.evses[0].connectors[0].standard = 'NOT_A_PLUG';
    const invalid = await call(cpoA, 'PUT', path, bad);
    expect([invalid.status, invalid.body.status_code]).toEqual([400, 2001]);
    expect(invalid.body.status_message).toContain('coordinates.latitude');
    expect(invalid.body.status_message).toContain('evses[0].connectors[0].standard');
    // nothing of the above changed the stored location
    expect((await call(cpoA, 'GET', path)).body.data.last_updated).toBe(at(7));
  });

  it('tariffs: PUT (201), older PUT ignored, GET, DELETE, then 404 [TAR › Receiver Interface]', async () => {
    const path = `tariffs/NL/CPA/T-${run}`;
    const put = await call(cpoA, 'PUT', path, tariff('NL', 'CPA', `T-${run}`, at(10)));
    expect([put.status, put.body.status_code]).toEqual([201, 1000]);
    const newer = await call(cpoA, 'PUT', path, tariff('NL', 'CPA', `T-${run}`, at(12), 0.4));
    expect([newer.status, newer.body.status_code]).toEqual([200, 1000]);
    const older = await call(cpoA, 'PUT', path, tariff('NL', 'CPA', `T-${run}`, at(11), 0.1));
    expect(older.body.status_code).toBe(1000);
    const got = await call(cpoA, 'GET', path);
    expect(got.body.data.elements[0].price_components[0].price).toBe(0.4);

    const invalid = await call(cpoA, 'PUT', path, {
      ...tariff('NL', 'CPA', `T-${run}`, at(13)),
      elements: [],
    });
    expect([invalid.status, invalid.body.status_code]).toEqual([400, 2001]);

    const del = await call(cpoA, 'DELETE', path);
    expect([del.status, del.body.status_code]).toEqual([200, 1000]);
    expect((await call(cpoA, 'GET', path)).status).toBe(404);
    // a late PUT older than the deleted version does not bring it back
    await call(cpoA, 'PUT', path, tariff('NL', 'CPA', `T-${run}`, at(11)));
    expect((await call(cpoA, 'GET', path)).status).toBe(404);
    const again = await call(cpoA, 'DELETE', path);
    expect(again.body.status_code).toBe(1000);
  });

  it('sessions: PUT then PATCH appends charging periods; PATCH of an unknown session → 404 [SES › *PATCH* Method]', async () => {
    const id = `S-${run}-1`;
    const path = `sessions/NL/CPA/${id}`;
    const put = await call(cpoA, 'PUT', path, session('NL', 'CPA', id, at(20)));
    expect([put.status, put.body.status_code]).toEqual([201, 1000]);
    const patch = await call(cpoA, 'PATCH', path, {
      kwh: 3.2,
      charging_periods: [
        { start_date_time: at(15), dimensions: [{ type: 'ENERGY', volume: 1.7 }] },
      ],
      total_cost: { excl_vat: 1.12, incl_vat: 1.3552 },
      last_updated: at(21),
    });
    expect([patch.status, patch.body.status_code]).toEqual([200, 1000]);
    const stale = await call(cpoA, 'PATCH', path, { kwh: 1, last_updated: at(20) });
    expect(stale.body.status_code).toBe(1000);

    const got = (await call(cpoA, 'GET', path)).body.data;
    expect(got).toMatchObject({ kwh: 3.2, status: 'ACTIVE', last_updated: at(21) });
    expect(got.charging_periods).toHaveLength(2);

    const unknown = await call(cpoA, 'PATCH', `sessions/NL/CPA/S-${run}-404`, {
      kwh: 1,
      last_updated: at(22),
    });
    expect(unknown.status).toBe(404);
    const noTimestamp = await call(cpoA, 'PATCH', path, { kwh: 4 });
    expect([noTimestamp.status, noTimestamp.body.status_code]).toEqual([400, 2001]);
    // "+00:00 is not the same as UTC" [TYP › DateTime _type_]
    const offset = await call(cpoA, 'PATCH', path, {
      kwh: 4,
      last_updated: '2026-11-22T09:23:00+01:00',
    });
    expect([offset.status, offset.body.status_code]).toEqual([400, 2001]);
    const otherId = await call(cpoA, 'PATCH', path, { id: 'OTHER', last_updated: at(23) });
    expect([otherId.status, otherId.body.status_code]).toEqual([400, 2001]);

    // a PUT replaces everything, charging periods included [SES › *PUT* Method]
    const completed = session('NL', 'CPA', id, at(30), {
      kwh: 12.5,
      status: 'COMPLETED',
      end_date_time: at(29),
      charging_periods: [],
    });
    expect((await call(cpoA, 'PUT', path, completed)).status).toBe(200);
    expect((await call(cpoA, 'GET', path)).body.data.charging_periods).toEqual([]);

    const published = await waitFor(
      async () => events.sessions.filter((e) => e.sessionId === id),
      (list) => list.length >= 3,
      { timeoutMs: 30_000, what: '3 emsp.session.updated.v1 events' },
    );
    await settle();
    expect(events.sessions.filter((e) => e.sessionId === id)).toHaveLength(3);
    expect(published.map((e) => [e.changeKind, e.status, e.energyKwh])).toEqual([
      ['PUT', 'ACTIVE', 0],
      ['PATCH', 'ACTIVE', 3.2],
      ['PUT', 'COMPLETED', 12.5],
    ]);
    expect(published[1]).toMatchObject({
      tokenUid: `TOK-${run}`,
      totalCost: { exclVat: 1.12, inclVat: 1.3552 },
      lastUpdated: at(21),
    });
    expect((published[1].session as TestJson).charging_periods).toHaveLength(2);
  });

  it('cdrs: POST twice → one record, one Kafka event; Location readable by the sender only [CDR › POST Method]', async () => {
    const id = `CDR-${run}-1`;
    const body = cdr('NL', 'CPA', id);
    const first = await call(cpoA, 'POST', 'cdrs', body);
    expect([first.status, first.body.status_code]).toEqual([201, 1000]);
    const location = first.headers.get('location');
    expect(location).toBe(`${base()}/cdrs/${id}`);

    const second = await call(cpoA, 'POST', 'cdrs', body);
    expect([second.status, second.body.status_code]).toEqual([200, 1000]);
    expect(second.headers.get('location')).toBe(location);

    const got = await cpoA.peer.call('GET', location as string, cpoA.token);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({ id, total_cost: { excl_vat: 4.375 } });

    // immutable: other content under the same id is refused
    const changed = await call(cpoA, 'POST', 'cdrs', cdr('NL', 'CPA', id, { total_energy: 13 }));
    expect([changed.status, changed.body.status_code]).toEqual([400, 2001]);
    // invalid CDR (Session-only dimension) → 2001
    const invalid = cdr('NL', 'CPA', `CDR-${run}-2`) as TestJson;
    invalid.charging_periods[0].dimensions[0].type = 'STATE_OF_CHARGE';
    const rejected = await call(cpoA, 'POST', 'cdrs', invalid);
    expect([rejected.status, rejected.body.status_code]).toEqual([400, 2001]);
    const negative = await call(
      cpoA,
      'POST',
      'cdrs',
      cdr('NL', 'CPA', `CDR-${run}-4`, { total_energy: -1 }),
    );
    expect([negative.status, negative.body.status_code]).toEqual([400, 2001]);
    // a CDR of a party the caller does not own
    const foreign = await call(cpoB, 'POST', 'cdrs', cdr('NL', 'CPA', `CDR-${run}-3`));
    expect([foreign.status, foreign.body.status_code]).toEqual([400, 2001]);
    // CPO B cannot read CPO A's CDR
    const bReads = await cpoB.peer.call('GET', location as string, cpoB.token);
    expect(bReads.status).toBe(404);

    // a credit CDR: new id (CiString(39)), negative total_cost [CDR › Credit CDRs]
    const creditId = `${id}-CREDIT-`.padEnd(39, 'X');
    const credit = cdr('NL', 'CPA', creditId, {
      credit: true,
      credit_reference_id: id,
      total_cost: { excl_vat: -4.375, incl_vat: -5.29 },
    });
    const credited = await call(cpoA, 'POST', 'cdrs', credit);
    expect([credited.status, credited.body.status_code]).toEqual([201, 1000]);

    await waitFor(
      async () => events.cdrs.filter((e) => e.cdrId.startsWith(id)),
      (list) => list.length >= 2,
      { timeoutMs: 30_000, what: 'emsp.cdr.received.v1 of the CDR and its credit CDR' },
    );
    await settle(2_000);
    const all = events.cdrs.filter((e) => e.cdrId.startsWith(`CDR-${run}`));
    expect(all.map((e) => [e.cdrId, e.credit, e.totalCost.exclVat])).toEqual([
      [id, false, 4.375],
      [creditId, true, -4.375],
    ]);
    const published = all.filter((e) => e.cdrId === id);
    expect(published[0]).toMatchObject({
      cdrId: id,
      countryCode: 'NL',
      partyId: 'CPA',
      sessionId: `S-${run}-1`,
      tokenUid: `TOK-${run}`,
      currency: 'EUR',
      totalCost: { exclVat: 4.375, inclVat: 5.29 },
      totalEnergyKwh: 12.5,
      credit: false,
    });
    // the full OCPI CDR travels for billing
    expect(published[0].cdr).toEqual(body);
    // one stored record
    const db = new Pool({ connectionString: emsp.databaseUrl, max: 1 });
    try {
      const rows = await db.query(
        `SELECT cdr_id FROM ocpi_emsp.received_cdrs WHERE cdr_key LIKE $1 ORDER BY received_at`,
        [`CDR-${run}-%`.toUpperCase()],
      );
      expect(rows.rows).toEqual([{ cdr_id: id }, { cdr_id: creditId }]);
    } finally {
      await db.end();
    }
  });

  it('isolation: CPO B can neither read nor modify CPO A’s objects [T&F › Errors]', async () => {
    const aPath = `locations/NL/CPA/${LOC(1)}`;
    expect((await call(cpoB, 'GET', aPath)).status).toBe(404);
    const put = await call(cpoB, 'PUT', aPath, location('NL', 'CPA', LOC(1), at(50), []));
    expect(put.status).toBe(404);
    const patch = await call(cpoB, 'PATCH', `${aPath}/${EVSE(1)}`, {
      status: 'INOPERATIVE',
      last_updated: at(50),
    });
    expect(patch.status).toBe(404);
    expect((await call(cpoB, 'GET', `sessions/NL/CPA/S-${run}-1`)).status).toBe(404);
    expect((await call(cpoB, 'DELETE', `tariffs/NL/CPA/T-${run}`)).status).toBe(404);
    // A's data is untouched
    const evse1 = await call(cpoA, 'GET', `${aPath}/${EVSE(1)}`);
    expect(evse1.body.data.status).toBe('CHARGING');

    // B's own objects live beside A's, even with the same id
    const own = await call(
      cpoB,
      'PUT',
      `locations/DE/CPB/${LOC(1)}`,
      location('DE', 'CPB', LOC(1), at(50), []),
    );
    expect(own.status).toBe(201);
    expect((await call(cpoB, 'GET', `locations/DE/CPB/${LOC(1)}`)).body.data.country_code).toBe(
      'DE',
    );
    expect((await call(cpoA, 'GET', `locations/DE/CPB/${LOC(1)}`)).status).toBe(404);

    // no token, Token A or unknown token → 401
    const anonymous = await fetch(`${base()}/${aPath}`);
    expect(anonymous.status).toBe(401);
  });

  it('concurrency: racing PUTs of one location converge on the newest; racing POSTs of one CDR store and publish it once', async () => {
    const path = `locations/NL/CPA/${LOC(7)}`;
    const minutes = [13, 11, 17, 12, 16, 14, 15, 10];
    const answers = await Promise.all(
      minutes.map((m) =>
        call(cpoA, 'PUT', path, location('NL', 'CPA', LOC(7), at(m), [evse(EVSE(70), at(m))])),
      ),
    );
    expect(answers.map((a) => a.body.status_code)).toEqual(minutes.map(() => 1000));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect((await call(cpoA, 'GET', path)).body.data.last_updated).toBe(at(17));

    const id = `CDR-${run}-RACE`;
    const posts = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => call(cpoA, 'POST', 'cdrs', cdr('NL', 'CPA', id))),
    );
    expect(posts.map((p) => p.body.status_code)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(posts.filter((p) => p.status === 201)).toHaveLength(1);
    await waitFor(
      async () => events.cdrs.filter((e) => e.cdrId === id),
      (list) => list.length >= 1,
      { timeoutMs: 30_000, what: `emsp.cdr.received.v1 of ${id}` },
    );
    await settle(2_000);
    expect(events.cdrs.filter((e) => e.cdrId === id)).toHaveLength(1);
    const applied = events.locations.filter((e) => e.locationId === LOC(7));
    // only pushes newer than the state they met were applied, in increasing last_updated order
    const stamps = applied.map((e) => e.lastUpdated);
    expect([...stamps].sort()).toEqual(stamps);
    expect(stamps[stamps.length - 1]).toBe(at(17));
  });
});
