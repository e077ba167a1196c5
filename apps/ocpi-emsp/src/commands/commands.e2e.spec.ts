import { randomUUID } from 'node:crypto';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-emsp Commands (Sender side, ADR 0071) as a real process on real Kafka and PostgreSQL,
 * against scripted CPOs registered through the real credentials handshake: the command POST with
 * our full Token and a unique response_url, the CommandResponse, the CommandResult POSTed back
 * (only by the partner the command went to, once), refusals and our TIMEOUT.
 * [CMD › …] = /work/shared/specs/ocpi-2.2.1/mod_commands.asciidoc headings.
 */
const run = randomUUID().slice(0, 8);
const TOKEN_UID = `TOK-${run}`;

describe('ocpi-emsp commands (real process, scripted CPOs)', () => {
  const emsp = new OcpiServiceProcess({
    app: 'ocpi-emsp',
    countryCode: 'NL',
    partyId: 'VLE',
    env: {
      OCPI_COMMAND_RESULT_GRACE_SECONDS: '0',
      OCPI_COMMAND_SWEEP_INTERVAL_MS: '200',
      OCPI_PULL_SYNC_CHECK_INTERVAL_MS: '3600000',
    },
  });
  const peers: ScriptedOcpiPeer[] = [];
  let cpoA: { peer: ScriptedOcpiPeer; token: string; partnerId: string };
  let cpoB: { peer: ScriptedOcpiPeer; token: string; partnerId: string };
  /** What CPO A answers per command type (CommandResponse). */
  const answers: Record<string, unknown> = {};
  const base = () => `${emsp.baseUrl}/ocpi/emsp/2.2.1`;

  async function registeredCpo(countryCode: string, partyId: string) {
    const peer = new ScriptedOcpiPeer({ countryCode, partyId, role: 'CPO' });
    peer.endpoints = [
      { identifier: 'credentials', role: 'SENDER', path: 'credentials' },
      { identifier: 'commands', role: 'RECEIVER', path: 'commands' },
    ];
    peer.handlers.push((req) => {
      const m = /^\/ocpi\/2\.2\.1\/commands\/([A-Z_]+)$/.exec(req.path);
      if (!m || req.method !== 'POST') return undefined;
      const answer = answers[m[1]] ?? { result: 'ACCEPTED', timeout: 30 };
      if (typeof answer === 'object' && answer !== null && 'status' in answer) {
        return answer as { status: number; body: unknown };
      }
      return {
        body: { data: answer, status_code: 1000, timestamp: new Date().toISOString() },
      };
    });
    await peer.start();
    peers.push(peer);
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: `scripted CPO ${partyId}`,
      roles: [{ country_code: countryCode, party_id: partyId, role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await peer.registerWith(partner.body.versions_url, partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string, partnerId: partner.body.id as string };
  }

  const sent = (peer: ScriptedOcpiPeer, type: string): RecordedRequest[] =>
    peer.requests.filter((r) => r.method === 'POST' && r.path === `/ocpi/2.2.1/commands/${type}`);

  const command = async (id: string) =>
    (await emsp.adminApi('GET', `/admin/v1/commands/${id}`)).body;

  const send = (partnerId: string, type: string, body: unknown) =>
    emsp.adminApi('POST', '/admin/v1/commands', { partner_id: partnerId, type, body });

  beforeAll(async () => {
    await emsp.start();
    cpoA = await registeredCpo('NL', 'CPA');
    cpoB = await registeredCpo('DE', 'CPB');
    const token = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOKEN_UID}`, {
      type: 'RFID',
      contract_id: 'NL-VLE-C12345678-X',
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      visual_number: 'VLE-0001',
    });
    expect(token.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await emsp.destroy();
  });

  it('advertises the commands module as SENDER [VER › Endpoint _class_] [CMD › Sender Interface]', async () => {
    const details = await cpoA.peer.call('GET', base(), cpoA.token);
    expect(details.body.data.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'commands', role: 'SENDER', url: `${base()}/commands` },
      ]),
    );
  });

  it('START_SESSION round trip: our full Token and a unique response_url, ACCEPTED, then the CommandResult → ACCEPTED, once', async () => {
    answers.START_SESSION = { result: 'ACCEPTED', timeout: 30 };
    const res = await send(cpoA.partnerId, 'START_SESSION', {
      token: { uid: TOKEN_UID, type: 'RFID' },
      location_id: 'LOC1',
      evse_uid: 'EVSE1',
      connector_id: '1',
      authorization_reference: `AUTH-${run}`,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'ACCEPTED',
      final: false,
      response: { result: 'ACCEPTED', timeout: 30 },
      result: null,
    });
    const id = res.body.id as string;

    const [request] = sent(cpoA.peer, 'START_SESSION');
    expect(request).toBeDefined();
    const body = request.body as TestJson;
    expect(body.response_url).toBe(`${base()}/commands/START_SESSION/${id}`);
    expect(body.token).toMatchObject({
      country_code: 'NL',
      party_id: 'VLE',
      uid: TOKEN_UID,
      type: 'RFID',
      contract_id: 'NL-VLE-C12345678-X',
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
    });
    expect(typeof body.token.last_updated).toBe('string');
    expect(body).toMatchObject({ location_id: 'LOC1', evse_uid: 'EVSE1', connector_id: '1' });
    // routing headers to the CPO party, our party as sender [T&F › Message Routing]
    expect(request.headers['ocpi-to-party-id']).toBe('CPA');
    expect(request.headers['ocpi-from-party-id']).toBe('VLE');

    // CPO B may not post a result for CPO A's command
    const foreign = await cpoB.peer.call('POST', body.response_url, cpoB.token, {
      result: 'FAILED',
    });
    expect(foreign.status).toBe(404);
    expect((await command(id)).state).toBe('ACCEPTED');

    // an invalid CommandResult → 2001
    const invalid = await cpoA.peer.call('POST', body.response_url, cpoA.token, { result: 'OK' });
    expect([invalid.status, invalid.body.status_code]).toEqual([400, 2001]);

    const result = await cpoA.peer.call('POST', body.response_url, cpoA.token, {
      result: 'ACCEPTED',
    });
    expect([result.status, result.body.status_code]).toEqual([200, 1000]);
    const done = await command(id);
    expect(done).toMatchObject({
      id,
      partner_id: cpoA.partnerId,
      type: 'START_SESSION',
      state: 'ACCEPTED',
      final: true,
      result: { result: 'ACCEPTED' },
    });
    expect(done.completed_at).not.toBeNull();
    expect(done.responded_at).not.toBeNull();

    // a second result is acknowledged but changes nothing
    const again = await cpoA.peer.call('POST', body.response_url, cpoA.token, { result: 'FAILED' });
    expect([again.status, again.body.status_code]).toEqual([200, 1000]);
    expect(await command(id)).toMatchObject({ state: 'ACCEPTED', result: { result: 'ACCEPTED' } });

    // the response_url is typed: another TYPE or an unknown id is unknown
    const wrongType = await cpoA.peer.call(
      'POST',
      `${base()}/commands/STOP_SESSION/${id}`,
      cpoA.token,
      { result: 'ACCEPTED' },
    );
    expect(wrongType.status).toBe(404);
    const unknown = await cpoA.peer.call(
      'POST',
      `${base()}/commands/START_SESSION/${randomUUID()}`,
      cpoA.token,
      { result: 'ACCEPTED' },
    );
    expect(unknown.status).toBe(404);
  });

  it('a REJECTED CommandResponse is final; a later result for it is ignored [CMD › CommandResponseType _enum_]', async () => {
    answers.STOP_SESSION = {
      result: 'REJECTED',
      timeout: 0,
      message: [{ language: 'en', text: 'no such session' }],
    };
    const res = await send(cpoA.partnerId, 'STOP_SESSION', { session_id: `S-${run}` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'REJECTED',
      final: true,
      response: { result: 'REJECTED', message: [{ language: 'en', text: 'no such session' }] },
    });
    const url = (sent(cpoA.peer, 'STOP_SESSION')[0].body as TestJson).response_url;
    const late = await cpoA.peer.call('POST', url, cpoA.token, { result: 'ACCEPTED' });
    expect([late.status, late.body.status_code]).toEqual([200, 1000]);
    expect(await command(res.body.id)).toMatchObject({ state: 'REJECTED', result: null });
  });

  it('no CommandResult within the CommandResponse timeout → TIMEOUT [CMD › _CommandResponse_ Object]', async () => {
    answers.UNLOCK_CONNECTOR = { result: 'ACCEPTED', timeout: 1 };
    const res = await send(cpoA.partnerId, 'UNLOCK_CONNECTOR', {
      location_id: 'LOC1',
      evse_uid: 'EVSE1',
      connector_id: '1',
    });
    expect(res.body).toMatchObject({ state: 'ACCEPTED', final: false });
    const timedOut = await waitFor(
      () => command(res.body.id),
      (c: TestJson) => c.state !== 'ACCEPTED',
      { timeoutMs: 15_000, what: 'TIMEOUT' },
    );
    expect(timedOut).toMatchObject({ state: 'TIMEOUT', final: true, result: null });
  });

  it('a CPO that answers with an OCPI error → SEND_FAILED, with the reason', async () => {
    answers.CANCEL_RESERVATION = {
      status: 400,
      body: { status_code: 2001, status_message: 'bad', timestamp: new Date().toISOString() },
    };
    const res = await send(cpoB.partnerId, 'CANCEL_RESERVATION', { reservation_id: `R-${run}` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'SEND_FAILED', final: true });
    expect(res.body.error).toContain('2001');
  });

  it('refuses unknown or blocked tokens, invalid bodies and unknown partners before sending', async () => {
    const before = sent(cpoA.peer, 'RESERVE_NOW').length;
    const unknownToken = await send(cpoA.partnerId, 'RESERVE_NOW', {
      token: { uid: `NOPE-${run}` },
      expiry_date: '2030-01-01T00:00:00Z',
      reservation_id: 'R1',
      location_id: 'LOC1',
    });
    expect(unknownToken.status).toBe(404);
    const invalid = await send(cpoA.partnerId, 'UNLOCK_CONNECTOR', { location_id: 'LOC1' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('evse_uid');
    const badType = await send(cpoA.partnerId, 'REBOOT', {});
    expect(badType.status).toBe(400);
    const noPartner = await send(randomUUID(), 'STOP_SESSION', { session_id: 'S' });
    expect(noPartner.status).toBe(404);

    await emsp.adminApi('PUT', `/admin/v1/tokens/${TOKEN_UID}`, {
      type: 'RFID',
      contract_id: 'NL-VLE-C12345678-X',
      issuer: 'Voltlane',
      valid: false,
      whitelist: 'ALLOWED',
    });
    const blocked = await send(cpoA.partnerId, 'RESERVE_NOW', {
      token: { uid: TOKEN_UID },
      expiry_date: '2030-01-01T00:00:00Z',
      reservation_id: 'R1',
      location_id: 'LOC1',
    });
    expect(blocked.status).toBe(409);
    expect(sent(cpoA.peer, 'RESERVE_NOW')).toHaveLength(before);
    expect((await emsp.adminApi('GET', `/admin/v1/commands/${randomUUID()}`)).status).toBe(404);
  });
});
