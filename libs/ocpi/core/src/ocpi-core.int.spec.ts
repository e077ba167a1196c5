import { randomUUID } from 'node:crypto';
import {
  Controller,
  Get,
  Global,
  type INestApplication,
  Module,
  Param,
  Put,
  Query,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString, MaxLength } from 'class-validator';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { findFreePorts } from '@voltlane/infra';
import { setDefaultLogLevel } from '@voltlane/platform-core';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import { ServiceConfigModule, ServiceModule } from '@voltlane/platform-service';
import { ScriptedOcpiPeer } from '@voltlane/testing';
import {
  OcpiBody,
  OcpiCaller,
  OcpiClient,
  ocpiCoreTablesUpSql,
  OcpiCoreModule,
  OcpiException,
  OcpiFunctionalEndpoint,
  ocpiPage,
  PartnerDirectory,
  parseOcpiPage,
} from './index';

/**
 * The functional-module building blocks in-process on real PostgreSQL, with a test-only module
 * controller: Token A → 401, routing headers, ownership, body validation, paging, the OcpiClient
 * and the PartnerDirectory — against a scripted peer over real HTTP.
 */
class ThingDto {
  @IsString()
  @MaxLength(36)
  id: string;
}

const things = Array.from({ length: 5 }, (_, i) => ({ id: `T${i}` }));
let publicUrl = '';

@Controller('ocpi/cpo/2.2.1/things')
@OcpiFunctionalEndpoint('things')
class ThingsTestController {
  @Get()
  list(@Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, 2);
    return ocpiPage(
      `${publicUrl}/ocpi/cpo/2.2.1/things`,
      { items: things.slice(page.offset, page.offset + page.limit), total: things.length, ...page },
      2,
    );
  }

  @Put(':cc/:pid/:id')
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param('cc') cc: string,
    @Param('pid') pid: string,
    @Param('id') id: string,
    @OcpiBody(ThingDto) body: ThingDto,
  ) {
    if (!caller.owns(cc, pid)) throw OcpiException.notFound('Unknown party');
    if (body.id !== id) throw OcpiException.status(2001, 'id in URL and body differ');
    return undefined;
  }
}

describe('ocpi-core on real PostgreSQL: functional routes, client, directory', () => {
  const schema = `ocpi_core_it_${randomUUID().slice(0, 8)}`;
  let admin: Pool;
  let dataSource: DataSource;
  let app: INestApplication;
  let port: number;
  const peers: ScriptedOcpiPeer[] = [];
  const ADMIN_API_KEY = `it-admin-key-${randomUUID()}`;

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  async function registeredPeer(party: { countryCode: string; partyId: string; role: string }) {
    const peer = await new ScriptedOcpiPeer(party).start();
    peers.push(peer);
    peer.endpoints.push({ identifier: 'tokens', role: 'RECEIVER', path: 'tokens' });
    const res = await fetch(url('/admin/v1/partners'), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: party.partyId,
        roles: [{ country_code: party.countryCode, party_id: party.partyId, role: party.role }],
      }),
    });
    const partner = (await res.json()) as { id: string; token: string; versions_url: string };
    const { answer, peerToken } = await peer.registerWith(partner.versions_url, partner.token);
    expect(answer.body.status_code).toBe(1000);
    return { peer, partner, token: answer.body.data.token as string, peerToken };
  }

  beforeAll(async () => {
    setDefaultLogLevel('warn');
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of ocpiCoreTablesUpSql(schema)) await admin.query(sql);
    dataSource = createServiceDataSource({
      url: process.env.DATABASE_URL as string,
      schema,
      applicationName: 'ocpi-core-it',
      migrations: [],
    });
    await dataSource.initialize();
    [port] = await findFreePorts(1);
    publicUrl = `http://127.0.0.1:${port}`;

    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] })
    class DatabaseModule {}

    @Module({
      imports: [
        ServiceConfigModule.forRoot({ ADMIN_API_KEY }),
        ServiceModule.forRoot({ serviceName: 'ocpi-core-it', defaultMetrics: false }),
        DatabaseModule,
        OcpiCoreModule.forRoot({
          role: 'CPO',
          basePath: '/ocpi/cpo',
          publicUrl,
          countryCode: 'NL',
          partyId: 'VLT',
          businessName: 'Voltlane IT',
          endpoints: [{ identifier: 'things', role: 'SENDER', path: 'things' }],
          requestTimeoutMs: 2_000,
        }),
      ],
      controllers: [ThingsTestController],
    })
    class TestAppModule {}

    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await app?.close();
    await dataSource?.destroy();
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
  });

  it('advertises the module endpoints next to credentials', async () => {
    const { peer, token } = await registeredPeer({
      countryCode: 'DE',
      partyId: 'ADV',
      role: 'EMSP',
    });
    const details = await peer.call('GET', url('/ocpi/cpo/2.2.1'), token);
    expect(details.body.data.endpoints).toEqual([
      { identifier: 'credentials', role: 'SENDER', url: `${publicUrl}/ocpi/cpo/2.2.1/credentials` },
      { identifier: 'things', role: 'SENDER', url: `${publicUrl}/ocpi/cpo/2.2.1/things` },
    ]);
  });

  it('refuses Token A on a functional module with 401, accepts the credentials token', async () => {
    const peer = await new ScriptedOcpiPeer().start();
    peers.push(peer);
    const created = await fetch(url('/admin/v1/partners'), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'a',
        roles: [{ country_code: 'DE', party_id: 'TKA', role: 'EMSP' }],
      }),
    });
    const { token: tokenA } = (await created.json()) as { token: string };
    const withA = await peer.call('GET', url('/ocpi/cpo/2.2.1/things'), tokenA);
    expect(withA.status).toBe(401);
    expect(withA.body).toMatchObject({ status_code: 2000 });
    expect((await peer.call('GET', url('/ocpi/cpo/versions'), tokenA)).status).toBe(200);

    const { peer: p2, token } = await registeredPeer({
      countryCode: 'DE',
      partyId: 'TKB',
      role: 'EMSP',
    });
    const ok = await p2.call('GET', url('/ocpi/cpo/2.2.1/things'), token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status_code: 1000, data: [{ id: 'T0' }, { id: 'T1' }] });
    // Routing headers mirrored: from = us, to = the caller's (only) party.
    expect(ok.headers.get('ocpi-from-country-code')).toBe('NL');
    expect(ok.headers.get('ocpi-from-party-id')).toBe('VLT');
    expect(ok.headers.get('ocpi-to-country-code')).toBe('DE');
    expect(ok.headers.get('ocpi-to-party-id')).toBe('TKB');
    // Paging headers.
    expect(ok.headers.get('x-total-count')).toBe('5');
    expect(ok.headers.get('x-limit')).toBe('2');
    expect(ok.headers.get('link')).toBe(
      `<${publicUrl}/ocpi/cpo/2.2.1/things?offset=2&limit=2>; rel="next"`,
    );
    const bad = await p2.call('GET', url('/ocpi/cpo/2.2.1/things?limit=x'), token);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status_code: 2001 });
  });

  it('checks routing headers, ownership and bodies per partner', async () => {
    const { peer: a, token: ta } = await registeredPeer({
      countryCode: 'DE',
      partyId: 'OWA',
      role: 'EMSP',
    });
    const { token: tb } = await registeredPeer({ countryCode: 'FR', partyId: 'OWB', role: 'EMSP' });

    const own = await a.call('PUT', url('/ocpi/cpo/2.2.1/things/DE/OWA/X1'), ta, { id: 'X1' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status_code: 1000 });
    // B's token cannot act as A's party.
    const foreign = await a.call('PUT', url('/ocpi/cpo/2.2.1/things/DE/OWA/X1'), tb, { id: 'X1' });
    expect(foreign.status).toBe(404);
    const spoofed = await a.call('GET', url('/ocpi/cpo/2.2.1/things'), tb, undefined, {
      'OCPI-from-country-code': 'DE',
      'OCPI-from-party-id': 'OWA',
    });
    expect(spoofed.status).toBe(400);
    expect(spoofed.body).toMatchObject({ status_code: 2001 });
    const notUs = await a.call('GET', url('/ocpi/cpo/2.2.1/things'), ta, undefined, {
      'OCPI-to-country-code': 'BE',
      'OCPI-to-party-id': 'XXX',
    });
    expect(notUs.status).toBe(400);

    const invalid = await a.call('PUT', url('/ocpi/cpo/2.2.1/things/DE/OWA/X1'), ta, { id: 42 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.status_code).toBe(2001);
    expect(invalid.body.status_message).toMatch(/id/);
    const mismatch = await a.call('PUT', url('/ocpi/cpo/2.2.1/things/DE/OWA/X1'), ta, { id: 'X2' });
    expect(mismatch.status).toBe(200);
    expect(mismatch.body.status_code).toBe(2001);
    const badJson = await a.call('PUT', url('/ocpi/cpo/2.2.1/things/DE/OWA/X1'), ta, '{');
    expect(badJson.status).toBe(400);
    expect(badJson.body.status_code).toBe(2001);
  });

  it('OcpiClient calls a partner endpoint with its client token, ids and routing headers; never throws', async () => {
    const { peer, partner, peerToken } = await registeredPeer({
      countryCode: 'DE',
      partyId: 'CLI',
      role: 'EMSP',
    });
    peer.handlers.push((r) =>
      r.path.startsWith('/ocpi/2.2.1/tokens/NL/VLT/')
        ? r.path.endsWith('/fail')
          ? {
              status: 200,
              body: {
                status_code: 2004,
                status_message: 'Unknown token',
                timestamp: new Date().toISOString(),
              },
            }
          : {
              status: 200,
              body: { data: { ok: true }, status_code: 1000, timestamp: new Date().toISOString() },
            }
        : undefined,
    );
    const client = app.get(OcpiClient);
    const res = await client.request(partner.id, {
      module: 'tokens',
      interfaceRole: 'RECEIVER',
      method: 'PUT',
      path: '/NL/VLT/abc',
      body: { uid: 'abc' },
      correlationId: 'corr-42',
    });
    expect(res).toMatchObject({ ok: true, httpStatus: 200, ocpiStatus: 1000, data: { ok: true } });
    const sent = peer.requests.at(-1)!;
    expect(sent.path).toBe('/ocpi/2.2.1/tokens/NL/VLT/abc');
    expect(sent.headers.authorization).toBe(`Token ${Buffer.from(peerToken).toString('base64')}`);
    expect(sent.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.headers['x-correlation-id']).toBe('corr-42');
    expect(sent.headers['ocpi-from-country-code']).toBe('NL');
    expect(sent.headers['ocpi-from-party-id']).toBe('VLT');
    expect(sent.headers['ocpi-to-country-code']).toBe('DE');
    expect(sent.headers['ocpi-to-party-id']).toBe('CLI');
    expect(sent.body).toEqual({ uid: 'abc' });

    const failed = await client.request(partner.id, {
      module: 'tokens',
      interfaceRole: 'RECEIVER',
      method: 'GET',
      path: 'NL/VLT/fail',
    });
    expect(failed).toMatchObject({ ok: false, httpStatus: 200, ocpiStatus: 2004 });
    const missing = await client.request(partner.id, {
      module: 'cdrs',
      interfaceRole: 'RECEIVER',
      method: 'GET',
    });
    expect(missing.ok).toBe(false);
    expect(missing.error).toMatch(/no cdrs RECEIVER endpoint/);
    const down = await client.requestUrl(partner.id, 'http://127.0.0.1:1/x', { method: 'GET' });
    expect(down).toMatchObject({ ok: false, httpStatus: 0 });
  });

  it('PartnerDirectory finds registered partners by party and endpoint, without secrets', async () => {
    const { partner, token, peerToken } = await registeredPeer({
      countryCode: 'DE',
      partyId: 'DIR',
      role: 'EMSP',
    });
    const directory = app.get(PartnerDirectory);
    const found = await directory.findByParty('de', 'dir', 'EMSP');
    expect(found.map((p) => p.id)).toEqual([partner.id]);
    expect(await directory.findByParty('DE', 'DIR', 'CPO')).toEqual([]);
    expect(JSON.stringify(found)).not.toContain(token);
    expect(JSON.stringify(found)).not.toContain(peerToken);
    expect(await directory.endpointUrl(partner.id, 'tokens', 'RECEIVER')).toMatch(
      /\/ocpi\/2\.2\.1\/tokens$/,
    );
    expect(await directory.endpointUrl(partner.id, 'tokens', 'SENDER')).toBeUndefined();
    expect((await directory.listRegistered()).map((p) => p.id)).toContain(partner.id);
    expect((await directory.findById(partner.id))?.status).toBe('REGISTERED');
  });
});
