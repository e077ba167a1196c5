import { OcpiServiceProcess, ScriptedOcpiPeer, type TestJson } from '@voltlane/testing';

/**
 * ocpi-cpo as a real process (real PostgreSQL + Kafka) against a scripted OCPI peer on node:http:
 * versions, credentials in both directions, 405s, rotation, DELETE, raw tokens, isolation, the
 * envelope for 401 / invalid JSON / unknown routes, and the partner operator API.
 */
describe('ocpi-cpo peering: versions, credentials, partner admin (real process)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const peers: ScriptedOcpiPeer[] = [];
  const versionsUrl = () => `${cpo.baseUrl}/ocpi/cpo/versions`;
  const credentialsUrl = () => `${cpo.baseUrl}/ocpi/cpo/2.2.1/credentials`;

  async function newPeer(party = { countryCode: 'DE', partyId: 'PEE', role: 'EMSP' }) {
    const peer = await new ScriptedOcpiPeer(party).start();
    peers.push(peer);
    return peer;
  }

  async function createPartner(
    peer: ScriptedOcpiPeer,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string; versions_url: string }> {
    const res = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: `peer ${peer.party.partyId}`,
      roles: [
        {
          country_code: peer.party.countryCode,
          party_id: peer.party.partyId,
          role: peer.party.role,
        },
      ],
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const expectEnvelope = (body: TestJson, statusCode: number) => {
    expect(body).toEqual(
      expect.objectContaining({ status_code: statusCode, timestamp: expect.any(String) }),
    );
  };

  beforeAll(async () => {
    await cpo.start();
  });

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await cpo.destroy();
  });

  it('answers versions and version details with Token A; no or unknown token → 401 envelope', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'VER', role: 'EMSP' });
    const partner = await createPartner(peer);
    expect(partner.versions_url).toBe(versionsUrl());
    expect(partner.token).toMatch(/^[\x21-\x7e]{1,64}$/);

    const versions = await peer.call('GET', versionsUrl(), partner.token, undefined, {
      'X-Request-ID': 'req-1',
      'X-Correlation-ID': 'corr-1',
    });
    expect(versions.status).toBe(200);
    expect(versions.headers.get('x-request-id')).toBe('req-1');
    expect(versions.headers.get('x-correlation-id')).toBe('corr-1');
    expectEnvelope(versions.body, 1000);
    expect(versions.body.data).toEqual([
      { version: '2.2.1', url: `${cpo.baseUrl}/ocpi/cpo/2.2.1` },
    ]);
    const details = await peer.call('GET', versions.body.data[0].url, partner.token);
    expect(details.status).toBe(200);
    expect(details.body.data.version).toBe('2.2.1');
    // Credentials exactly once (role SENDER); the module endpoints the app adds come next to it.
    const credentialsEndpoints = details.body.data.endpoints.filter(
      (e: TestJson) => e.identifier === 'credentials',
    );
    expect(credentialsEndpoints).toEqual([
      { identifier: 'credentials', role: 'SENDER', url: credentialsUrl() },
    ]);
    for (const e of details.body.data.endpoints) {
      expect(e.url.startsWith(`${cpo.baseUrl}/ocpi/cpo/2.2.1/`)).toBe(true);
    }

    const none = await peer.call('GET', versionsUrl(), undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    expectEnvelope(none.body, 2000);
    expect(none.headers.get('x-request-id')).toBeTruthy();
    const unknown = await peer.call('GET', versionsUrl(), 'not-a-known-token');
    expect(unknown.status).toBe(401);
    expectEnvelope(unknown.body, 2000);
    // A raw (unencoded) Token A is refused for a partner without accept_raw_tokens.
    const raw = await fetch(versionsUrl(), {
      headers: { authorization: `Token ${partner.token}` },
    });
    expect(raw.status).toBe(401);
  });

  it('registers a peer that POSTs credentials with Token A (we are the server)', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'REG', role: 'EMSP' });
    peer.endpoints.push({ identifier: 'tokens', role: 'SENDER', path: 'tokens' });
    const partner = await createPartner(peer);

    const { answer, peerToken } = await peer.registerWith(versionsUrl(), partner.token);
    expect(answer.status).toBe(200);
    expectEnvelope(answer.body, 1000);
    const ours = answer.body.data;
    expect(ours.url).toBe(versionsUrl());
    expect(ours.roles).toEqual([
      {
        role: 'CPO',
        business_details: { name: 'Voltlane CPO' },
        party_id: 'VLT',
        country_code: 'NL',
      },
    ]);
    expect(ours.token).not.toBe(partner.token);
    // Before answering, the CPO read the peer's versions + details with the peer's token B.
    const peerCalls = peer.requests.filter((r) => r.path.startsWith('/ocpi/'));
    expect(peerCalls.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /ocpi/versions',
      'GET /ocpi/2.2.1',
    ]);
    expect(peerCalls[0].headers.authorization).toBe(
      `Token ${Buffer.from(peerToken).toString('base64')}`,
    );

    const view = await cpo.adminApi('GET', `/admin/v1/partners/${partner.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'REGISTERED',
      version: '2.2.1',
      versions_url: peer.versionsUrl,
      roles: [{ country_code: 'DE', party_id: 'REG', role: 'EMSP' }],
    });
    expect(view.body.token).toBeUndefined();
    expect(JSON.stringify(view.body)).not.toContain(ours.token);
    expect(JSON.stringify(view.body)).not.toContain(peerToken);
    expect(view.body.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'credentials', role: 'SENDER', url: `${peer.baseUrl}/2.2.1/credentials` },
        { identifier: 'tokens', role: 'SENDER', url: `${peer.baseUrl}/2.2.1/tokens` },
      ]),
    );

    // Token A is spent; the new token works; POST again → 405; GET returns our credentials.
    expect((await peer.call('GET', versionsUrl(), partner.token)).status).toBe(401);
    expect((await peer.call('GET', versionsUrl(), ours.token)).status).toBe(200);
    const again = await peer.call(
      'POST',
      credentialsUrl(),
      ours.token,
      peer.credentials('x-token'),
    );
    expect(again.status).toBe(405);
    expectEnvelope(again.body, 2000);
    const get = await peer.call('GET', credentialsUrl(), ours.token);
    expect(get.status).toBe(200);
    expect(get.body.data).toEqual(ours);
  });

  it('PUT and DELETE before registration → 405; invalid bodies → 400 + 2001; invalid JSON → 400 envelope', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'NOR', role: 'EMSP' });
    const partner = await createPartner(peer);
    const put = await peer.call('PUT', credentialsUrl(), partner.token, peer.credentials('t'));
    expect(put.status).toBe(405);
    expectEnvelope(put.body, 2000);
    const del = await peer.call('DELETE', credentialsUrl(), partner.token);
    expect(del.status).toBe(405);

    const invalid = await peer.call('POST', credentialsUrl(), partner.token, {
      token: 'a b',
      roles: [],
    });
    expect(invalid.status).toBe(400);
    expectEnvelope(invalid.body, 2001);
    expect(invalid.body.status_message).toMatch(/token/);

    const badJson = await peer.call('POST', credentialsUrl(), partner.token, '{"token": ');
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toMatch(/^application\/json/);
    expectEnvelope(badJson.body, 2001);

    const unknownRoute = await peer.call(
      'GET',
      `${cpo.baseUrl}/ocpi/cpo/2.2.1/nothing`,
      partner.token,
    );
    expect(unknownRoute.status).toBe(404);
    expectEnvelope(unknownRoute.body, 2000);

    // Admin routes keep problem+json, also for invalid JSON.
    const adminBadJson = await fetch(`${cpo.baseUrl}/admin/v1/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cpo.adminApiKey}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(adminBadJson.status).toBe(400);
    expect(adminBadJson.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // And the Token A is still unused.
    expect((await peer.call('GET', versionsUrl(), partner.token)).status).toBe(200);
  });

  it('refuses registrations it cannot complete: 3001 unreachable, 3002 no mutual version, 3003 missing modules, 2001 foreign roles', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'ERR', role: 'EMSP' });
    const partner = await createPartner(peer);
    const token = peer.issueToken();

    const unreachable = await peer.call('POST', credentialsUrl(), partner.token, {
      ...peer.credentials(token),
      url: 'http://127.0.0.1:1/ocpi/versions',
    });
    expect(unreachable.status).toBe(200);
    expectEnvelope(unreachable.body, 3001);

    peer.versions = ['2.1.1'];
    const noVersion = await peer.call(
      'POST',
      credentialsUrl(),
      partner.token,
      peer.credentials(token),
    );
    expectEnvelope(noVersion.body, 3002);

    peer.versions = ['2.2.1'];
    peer.endpoints = [{ identifier: 'locations', role: 'RECEIVER', path: 'locations' }];
    const missing = await peer.call(
      'POST',
      credentialsUrl(),
      partner.token,
      peer.credentials(token),
    );
    expectEnvelope(missing.body, 3003);
    expect(missing.body.status_message).toMatch(/credentials/);

    peer.endpoints = [{ identifier: 'credentials', role: 'SENDER', path: 'credentials' }];
    const foreign = await peer.call('POST', credentialsUrl(), partner.token, {
      ...peer.credentials(token),
      roles: [
        { role: 'EMSP', business_details: { name: 'x' }, party_id: 'OTH', country_code: 'DE' },
      ],
    });
    expectEnvelope(foreign.body, 2001);

    // Still pending, Token A still valid: a correct attempt now succeeds.
    const ok = await peer.call('POST', credentialsUrl(), partner.token, peer.credentials(token));
    expectEnvelope(ok.body, 1000);
  });

  it('rotates with PUT: old and new token both accepted until the new one is used; DELETE unregisters', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'ROT', role: 'EMSP' });
    const partner = await createPartner(peer);
    const { answer } = await peer.registerWith(versionsUrl(), partner.token);
    const c1 = answer.body.data.token as string;

    const b2 = peer.issueToken();
    const put = await peer.call('PUT', credentialsUrl(), c1, peer.credentials(b2));
    expect(put.status).toBe(200);
    expectEnvelope(put.body, 1000);
    const c2 = put.body.data.token as string;
    expect(c2).not.toBe(c1);
    // The CPO re-read the peer's versions with the new token B2.
    const b2Header = `Token ${Buffer.from(b2).toString('base64')}`;
    const withB2 = peer.requests.filter((r) => r.headers.authorization === b2Header);
    expect(withB2.slice(0, 2).map((r) => r.path)).toEqual(['/ocpi/versions', '/ocpi/2.2.1']);

    expect((await peer.call('GET', versionsUrl(), c1)).status).toBe(200); // overlap
    expect((await peer.call('GET', versionsUrl(), c2)).status).toBe(200); // exchange completes
    expect((await peer.call('GET', versionsUrl(), c1)).status).toBe(401);

    const del = await peer.call('DELETE', credentialsUrl(), c2);
    expect(del.status).toBe(200);
    expectEnvelope(del.body, 1000);
    expect((await peer.call('GET', versionsUrl(), c2)).status).toBe(401);
    const view = await cpo.adminApi('GET', `/admin/v1/partners/${partner.id}`);
    expect(view.body).toMatchObject({ status: 'UNREGISTERED', endpoints: [] });

    // A new Token A lets the partner register again; a registered partner gets none.
    const again = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/token`);
    expect(again.status).toBe(201);
    expect((await cpo.adminApi('GET', `/admin/v1/partners/${partner.id}`)).body).toMatchObject({
      status: 'PENDING',
      token: again.body.token,
    });
    const re = await peer.registerWith(versionsUrl(), again.body.token);
    expectEnvelope(re.answer.body, 1000);
    const refused = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/token`);
    expect(refused.status).toBe(409);
  });

  it('registers with a peer through the admin API (we are the client), and unregisters at the peer', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'SND', role: 'EMSP' });
    const partner = await createPartner(peer);
    const tokenA = peer.issueToken();

    const res = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/register`, {
      versions_url: peer.versionsUrl,
      token: tokenA,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'REGISTERED',
      version: '2.2.1',
      roles: [{ country_code: 'DE', party_id: 'SND', role: 'EMSP' }],
    });
    const post = peer.requests.find((r) => r.method === 'POST');
    expect(post?.headers.authorization).toBe(`Token ${Buffer.from(tokenA).toString('base64')}`);
    expect(post?.body).toMatchObject({
      url: versionsUrl(),
      roles: [{ role: 'CPO', party_id: 'VLT' }],
    });
    // The token we gave the peer works for it; its Token A for us was never ours.
    const ourToken = peer.clientToken as string;
    expect((await peer.call('GET', versionsUrl(), ourToken)).status).toBe(200);
    expect((await peer.call('GET', versionsUrl(), partner.token)).status).toBe(401);

    const twice = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/register`, {
      versions_url: peer.versionsUrl,
      token: tokenA,
    });
    expect(twice.status).toBe(409);

    const del = await cpo.adminApi('DELETE', `/admin/v1/partners/${partner.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ status: 'UNREGISTERED', peer_unregistered: true });
    const peerDelete = peer.requests.find((r) => r.method === 'DELETE');
    expect(peerDelete?.path).toBe('/ocpi/2.2.1/credentials');
    expect((await peer.call('GET', versionsUrl(), ourToken)).status).toBe(401);
  });

  it('reports admin registration failures as 502 with the reason', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'BAD', role: 'EMSP' });
    const partner = await createPartner(peer);
    peer.versions = ['2.1.1'];
    const noVersion = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/register`, {
      versions_url: peer.versionsUrl,
      token: peer.issueToken(),
    });
    expect(noVersion.status).toBe(502);
    expect(noVersion.contentType).toMatch(/^application\/problem\+json/);
    expect(noVersion.body).toMatchObject({ code: 'OCPI.PEER_REGISTRATION_FAILED' });
    expect(noVersion.body.detail).toMatch(/3002.*mutual/);

    const unreachable = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/register`, {
      versions_url: 'http://127.0.0.1:1/ocpi/versions',
      token: 'whatever',
    });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.detail).toMatch(/3001/);

    peer.versions = ['2.2.1'];
    const wrongToken = await cpo.adminApi('POST', `/admin/v1/partners/${partner.id}/register`, {
      versions_url: peer.versionsUrl,
      token: 'not-issued-by-the-peer',
    });
    expect(wrongToken.status).toBe(502);
    expect(wrongToken.body.detail).toMatch(/HTTP 401/);

    expect((await cpo.adminApi('GET', `/admin/v1/partners/${partner.id}`)).body.status).toBe(
      'PENDING',
    );
    expect((await cpo.adminApi('GET', `/admin/v1/partners/not-a-partner`)).status).toBe(404);
    const unauthorized = await fetch(`${cpo.baseUrl}/admin/v1/partners`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('talks raw tokens with a partner configured for it', async () => {
    const peer = await newPeer({ countryCode: 'DE', partyId: 'RAW', role: 'EMSP' });
    peer.rawTokens = true;
    const partner = await createPartner(peer, {
      accept_raw_tokens: true,
      outgoing_token_encoding: 'raw',
    });
    const { answer, peerToken } = await peer.registerWith(versionsUrl(), partner.token);
    expectEnvelope(answer.body, 1000);
    expect(peer.requests.find((r) => r.path === '/ocpi/versions')?.headers.authorization).toBe(
      `Token ${peerToken}`,
    );
    const token = answer.body.data.token as string;
    expect((await peer.call('GET', credentialsUrl(), token)).status).toBe(200);
    // base64 keeps working too.
    const b64 = await fetch(versionsUrl(), {
      headers: { authorization: `Token ${Buffer.from(token).toString('base64')}` },
    });
    expect(b64.status).toBe(200);

    // The switch is per partner and can be turned off: then raw tokens are refused.
    const off = await cpo.adminApi('PATCH', `/admin/v1/partners/${partner.id}`, {
      accept_raw_tokens: false,
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ accept_raw_tokens: false, outgoing_token_encoding: 'raw' });
    expect((await peer.call('GET', credentialsUrl(), token)).status).toBe(401);
  });

  it('keeps partners apart: one partner’s token never reads or changes another’s registration', async () => {
    const a = await newPeer({ countryCode: 'DE', partyId: 'ISA', role: 'EMSP' });
    const b = await newPeer({ countryCode: 'FR', partyId: 'ISB', role: 'EMSP' });
    const pa = await createPartner(a);
    const pb = await createPartner(b);
    const ra = await a.registerWith(versionsUrl(), pa.token);
    const rb = await b.registerWith(versionsUrl(), pb.token);
    const ta = ra.answer.body.data.token as string;
    const tb = rb.answer.body.data.token as string;
    expect(ta).not.toBe(tb);

    // B presents A's party: refused, and A is untouched.
    const steal = await b.call('PUT', credentialsUrl(), tb, {
      ...b.credentials(b.issueToken()),
      roles: [
        { role: 'EMSP', business_details: { name: 'x' }, party_id: 'ISA', country_code: 'DE' },
      ],
    });
    expectEnvelope(steal.body, 2001);
    expect((await b.call('GET', credentialsUrl(), tb)).body.data.token).toBe(tb);
    expect((await a.call('GET', credentialsUrl(), ta)).body.data.token).toBe(ta);

    // B unregisters: only B.
    expect((await b.call('DELETE', credentialsUrl(), tb)).status).toBe(200);
    expect((await a.call('GET', versionsUrl(), ta)).status).toBe(200);
    const list = await cpo.adminApi('GET', '/admin/v1/partners');
    const byId = Object.fromEntries(list.body.map((p: TestJson) => [p.id, p.status]));
    expect(byId[pa.id]).toBe('REGISTERED');
    expect(byId[pb.id]).toBe('UNREGISTERED');
  });
});
