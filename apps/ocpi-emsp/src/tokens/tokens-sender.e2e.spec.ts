import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-emsp Tokens Sender as a real process on real Kafka and PostgreSQL (ADR 0070): tokens created
 * through the operator API are PUT to every registered CPO partner offering a tokens RECEIVER
 * (blocking included), listed with OCPI pagination, and authorized in real time.
 * Checklist items of /work/shared/design/ocpi-essentials.md are cited as [TOK ›…], [T&F ›…].
 */
const run = randomUUID().slice(0, 8);
const TOK = (n: number) => `TOK-${run}-${n}`;

function tokenBody(extra: Record<string, unknown> = {}) {
  return {
    type: 'RFID',
    contract_id: `NL-VLE-C${run}`,
    issuer: 'Voltlane',
    valid: true,
    whitelist: 'ALLOWED',
    visual_number: 'VL-0001',
    language: 'nl',
    ...extra,
  };
}

describe('ocpi-emsp Tokens Sender (real process, Kafka, PostgreSQL, scripted CPOs)', () => {
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });
  const peers: ScriptedOcpiPeer[] = [];
  let cpoA: { peer: ScriptedOcpiPeer; token: string; peerToken: string };
  let cpoB: { peer: ScriptedOcpiPeer; token: string };
  let db: Pool;
  const base = () => `${emsp.baseUrl}/ocpi/emsp/2.2.1`;

  /** A scripted CPO registered with the eMSP; with a tokens RECEIVER that accepts every PUT. */
  async function registeredCpo(partyId: string, tokensReceiver: boolean) {
    const peer = await new ScriptedOcpiPeer({ countryCode: 'BE', partyId, role: 'CPO' }).start();
    peers.push(peer);
    if (tokensReceiver) {
      peer.endpoints.push({ identifier: 'tokens', role: 'RECEIVER', path: 'tokens' });
      peer.handlers.push((req) =>
        req.path.startsWith('/ocpi/2.2.1/tokens/')
          ? { status: 200, body: { status_code: 1000, timestamp: new Date().toISOString() } }
          : undefined,
      );
    }
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: `scripted CPO ${partyId}`,
      roles: [{ country_code: 'BE', party_id: partyId, role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    const { answer, peerToken } = await peer.registerWith(
      partner.body.versions_url,
      partner.body.token,
    );
    expect(answer.body.status_code).toBe(1000);
    return { peer, token: peer.clientToken as string, peerToken };
  }

  const tokenPuts = (peer: ScriptedOcpiPeer, uid: string): RecordedRequest[] =>
    peer.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/ocpi/2.2.1/tokens/NL/VLE/${uid}`,
    );

  const waitPuts = (peer: ScriptedOcpiPeer, uid: string, n: number) =>
    waitFor(
      async () => tokenPuts(peer, uid),
      (list) => list.length >= n,
      { timeoutMs: 30_000, what: `${n} token PUT(s) of ${uid}` },
    );

  const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));

  const authorize = (uid: string, body?: unknown, query = '') =>
    cpoA.peer.call('POST', `${base()}/tokens/${uid}/authorize${query}`, cpoA.token, body);

  beforeAll(async () => {
    await emsp.start();
    db = new Pool({ connectionString: emsp.databaseUrl, max: 1 });
    cpoA = await registeredCpo('CTA', true);
    cpoB = await registeredCpo('CTB', false);
  }, 120_000);

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await db?.end();
    await emsp.destroy();
  });

  it('operator API: key required; invalid tokens rejected naming the fields', async () => {
    const noKey = await fetch(`${emsp.baseUrl}/admin/v1/tokens/${TOK(0)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tokenBody()),
    });
    expect(noKey.status).toBe(401);
    const bad = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(0)}`, {
      ...tokenBody(),
      type: 'CARD',
      whitelist: 'SOMETIMES',
      valid: 'yes',
    });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(bad.body);
    expect(text).toContain('type');
    expect(text).toContain('whitelist');
    expect(text).toContain('valid');
    const tooLong = await emsp.adminApi('PUT', `/admin/v1/tokens/${'X'.repeat(37)}`, tokenBody());
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('uid');
  });

  it('UpsertToken pushes the full token to every CPO with a tokens RECEIVER; unchanged → no push [TOK › Push model]', async () => {
    const created = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(1)}`, {
      ...tokenBody(),
      driver_id: `driver-${run}`,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      country_code: 'NL',
      party_id: 'VLE',
      uid: TOK(1),
      type: 'RFID',
      valid: true,
      driver_id: `driver-${run}`,
    });

    const [put] = await waitPuts(cpoA.peer, TOK(1), 1);
    expect(put.query).toBe('type=RFID');
    expect(put.body).toEqual({
      country_code: 'NL',
      party_id: 'VLE',
      uid: TOK(1),
      type: 'RFID',
      contract_id: `NL-VLE-C${run}`,
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      visual_number: 'VL-0001',
      language: 'nl',
      last_updated: created.body.last_updated,
    });
    // authenticated with the token the peer issued to us, routing headers to the CPO
    expect(put.headers.authorization).toBe(
      `Token ${Buffer.from(cpoA.peerToken).toString('base64')}`,
    );
    expect(put.headers['ocpi-to-party-id']).toBe('CTA');
    expect(put.headers['ocpi-from-party-id']).toBe('VLE');

    const read = await emsp.adminApi('GET', `/admin/v1/tokens/${TOK(1).toLowerCase()}?type=RFID`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect((await emsp.adminApi('GET', `/admin/v1/tokens/${TOK(1)}?type=APP_USER`)).status).toBe(
      404,
    );

    const same = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(1)}`, tokenBody());
    expect(same.status).toBe(200);
    expect(same.body.last_updated).toBe(created.body.last_updated);
    await settle();
    expect(tokenPuts(cpoA.peer, TOK(1))).toHaveLength(1);
    // the partner without a tokens RECEIVER gets nothing
    expect(cpoB.peer.requests.filter((r) => r.path.includes('/tokens/'))).toHaveLength(0);
  });

  it('blocking a token pushes it at once with valid=false and a later last_updated [TOK › Push model]', async () => {
    const before = (await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(1)}`, tokenBody())).body;
    const blocked = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(1)}`, {
      ...tokenBody(),
      valid: false,
    });
    expect(blocked.status).toBe(200);
    expect(Date.parse(blocked.body.last_updated)).toBeGreaterThan(Date.parse(before.last_updated));
    const puts = await waitPuts(cpoA.peer, TOK(1), 2);
    expect(puts[1].body).toMatchObject({
      uid: TOK(1),
      valid: false,
      last_updated: blocked.body.last_updated,
    });
  });

  it('GET list is paginated with Link / X-Total-Count / X-Limit and date filters [T&F › Paginated Response]', async () => {
    for (const n of [2, 3]) {
      expect((await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(n)}`, tokenBody())).status).toBe(
        201,
      );
    }
    const first = await cpoA.peer.call('GET', `${base()}/tokens?limit=2`, cpoA.token);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total-count')).toBe('3');
    expect(first.headers.get('x-limit')).toBe('100');
    expect(first.body.data.map((t: TestJson) => t.uid)).toEqual([TOK(1), TOK(2)]);
    const link = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(link).toBe(`${base()}/tokens?offset=2&limit=2`);
    const second = await cpoA.peer.call('GET', link as string, cpoA.token);
    expect(second.body.data.map((t: TestJson) => t.uid)).toEqual([TOK(3)]);
    expect(second.headers.get('link')).toBeNull();

    const since = second.body.data[0].last_updated as string;
    const filtered = await cpoA.peer.call(
      'GET',
      `${base()}/tokens?date_from=${encodeURIComponent(since)}`,
      cpoA.token,
    );
    expect(filtered.body.data.map((t: TestJson) => t.uid)).toEqual([TOK(3)]);
    const bad = await cpoA.peer.call('GET', `${base()}/tokens?offset=-1`, cpoA.token);
    expect([bad.status, bad.body.status_code]).toEqual([400, 2001]);
  });

  it('real-time authorization: ALLOWED with a stored reference, BLOCKED, unknown → 404 + 2004 [TOK › *POST* Method]', async () => {
    const refs = { location_id: 'LOC-1', evse_uids: ['EVSE-1'] };
    const allowed = await authorize(TOK(2), refs);
    expect([allowed.status, allowed.body.status_code]).toEqual([200, 1000]);
    expect(allowed.body.data).toMatchObject({
      allowed: 'ALLOWED',
      token: { uid: TOK(2), type: 'RFID', country_code: 'NL', party_id: 'VLE', valid: true },
      location: refs,
    });
    const reference = allowed.body.data.authorization_reference as string;
    expect(reference).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await db.query(
      `SELECT partner_id, token_uid, allowed, location FROM ocpi_emsp.token_authorizations
        WHERE authorization_reference = $1`,
      [reference],
    );
    expect(stored.rows).toEqual([
      expect.objectContaining({ token_uid: TOK(2), allowed: 'ALLOWED', location: refs }),
    ]);

    const noBody = await authorize(TOK(3), undefined, '?type=RFID');
    expect(noBody.body.data).toMatchObject({ allowed: 'ALLOWED', token: { uid: TOK(3) } });
    expect(noBody.body.data.location).toBeUndefined();
    expect(noBody.body.data.authorization_reference).not.toBe(reference);
    // CiString: the uid matches case-insensitively
    const lower = await authorize(TOK(3).toLowerCase());
    expect(lower.body.data.allowed).toBe('ALLOWED');

    const blocked = await authorize(TOK(1), refs);
    expect([blocked.status, blocked.body.status_code]).toEqual([200, 1000]);
    expect(blocked.body.data).toMatchObject({ allowed: 'BLOCKED', token: { valid: false } });
    expect(blocked.body.data.authorization_reference).toBeUndefined();

    const unknown = await authorize(`NOPE-${run}`);
    expect([unknown.status, unknown.body.status_code]).toEqual([404, 2004]);
    expect(unknown.body.data).toBeUndefined();
    // identity is (uid, type): the RFID token is unknown as an APP_USER token
    const otherType = await authorize(TOK(2), undefined, '?type=APP_USER');
    expect([otherType.status, otherType.body.status_code]).toEqual([404, 2004]);
    const badType = await authorize(TOK(2), undefined, '?type=CARD');
    expect([badType.status, badType.body.status_code]).toEqual([400, 2001]);
    const badRefs = await authorize(TOK(2), { evse_uids: ['EVSE-1'] });
    expect([badRefs.status, badRefs.body.status_code]).toEqual([400, 2001]);
  });

  it('a CPO registering later is sent every existing token, in its current version, once', async () => {
    const late = await registeredCpo('CTC', true);
    const puts = await waitFor(
      async () => [TOK(1), TOK(2), TOK(3)].map((uid) => tokenPuts(late.peer, uid)),
      (lists) => lists.every((l) => l.length >= 1),
      { timeoutMs: 30_000, what: 'the initial token load at the late CPO' },
    );
    expect(puts.map((l) => (l[0].body as TestJson).uid)).toEqual([TOK(1), TOK(2), TOK(3)]);
    expect(puts[0][0].body).toMatchObject({ valid: false });
    expect(puts[0][0].query).toBe('type=RFID');
    await settle(4_500); // two more sweeps: nothing is sent again
    expect([TOK(1), TOK(2), TOK(3)].map((uid) => tokenPuts(late.peer, uid).length)).toEqual([
      1, 1, 1,
    ]);
    expect(tokenPuts(cpoA.peer, TOK(2))).toHaveLength(1);
    // and later changes reach it like everyone else
    await emsp.adminApi('PUT', `/admin/v1/tokens/${TOK(2)}`, tokenBody({ group_id: 'G1' }));
    const next = await waitPuts(late.peer, TOK(2), 2);
    expect(next[1].body).toMatchObject({ group_id: 'G1' });
  });
});
