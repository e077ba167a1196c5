import { randomUUID } from 'node:crypto';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { OcpiClient } from '../client/ocpi.client';
import { ocpiCoreTablesUpSql } from '../partners/ocpi-core-tables.sql';
import { PartnerRepository } from '../partners/partner.repository';
import { OcpiClientPushTransport } from './ocpi-client.push-transport';
import { OcpiPushQueue } from './ocpi-push.queue';
import { OcpiPushWorker } from './ocpi-push.worker';
import { ocpiPushTablesUpSql } from './persistence/push-tables.sql';
import { ScriptedPeer } from './testing/scripted-peer';

/**
 * The production transport: pushes go through OcpiClient to the partner's RECEIVER endpoints from
 * the partner registry (real tables, real PostgreSQL), with the partner's token and routing
 * headers, to a scripted eMSP over real HTTP.
 */
describe('OcpiClientPushTransport (partner registry on real PostgreSQL, real HTTP peer)', () => {
  const schema = `ocpi_push_client_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const partnerId = randomUUID();
  let ds: DataSource;
  let peer: ScriptedPeer;
  let worker: OcpiPushWorker;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run through the Jest int project');
    ds = createServiceDataSource({ url, schema, applicationName: 'ocpi-push-client-it' });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of [...ocpiCoreTablesUpSql(schema), ...ocpiPushTablesUpSql(schema)]) {
      await ds.query(sql);
    }
    peer = await new ScriptedPeer().start();
    peer.script = (r) =>
      r.method === 'POST'
        ? { status: 201, headers: { location: `${peer.url}/ocpi/emsp/2.2.1/cdrs/abc` } }
        : undefined;
    const partners = new PartnerRepository(ds);
    await partners.insert({
      id: partnerId,
      name: 'Test eMSP',
      declaredRoles: [{ countryCode: 'DE', partyId: 'EMS', role: 'EMSP' }],
      tokenA: 'token-a-for-push-test',
      acceptRawTokens: false,
      outgoingTokenEncoding: 'base64',
    });
    await partners.transaction(async (m) => {
      await partners.update(m, partnerId, { status: 'REGISTERED', clientToken: 'their-token-c' });
      await partners.replaceRoles(m, partnerId, [
        { countryCode: 'DE', partyId: 'EMS', role: 'EMSP' },
      ]);
      await partners.replaceEndpoints(m, partnerId, [
        {
          identifier: 'locations',
          role: 'RECEIVER',
          url: `${peer.url}/ocpi/emsp/2.2.1/locations/`,
        },
        { identifier: 'cdrs', role: 'RECEIVER', url: `${peer.url}/ocpi/emsp/2.2.1/cdrs` },
      ]);
    });
    const client = new OcpiClient(partners, {
      role: 'CPO',
      basePath: '/ocpi/cpo',
      publicUrl: 'http://127.0.0.1:1',
      countryCode: 'NL',
      partyId: 'VLT',
      businessName: 'Voltlane',
      endpoints: [],
      requestTimeoutMs: 2_000,
    });
    worker = new OcpiPushWorker(ds, new OcpiClientPushTransport(client), {
      schema,
      databaseUrl: url,
      pollIntervalMs: 100,
      backoff: { baseMs: 5_000, capMs: 5_000 },
    });
    worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await peer?.stop();
    if (ds?.isInitialized) {
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    }
  });

  it('Given a Location PUT and a CDR POST, When delivered, Then they reach the RECEIVER endpoints with token, routing headers and correlation id', async () => {
    const [, cdrId] = await ds.transaction((m) =>
      new OcpiPushQueue(schema).enqueue(m, [
        {
          partnerId,
          module: 'locations',
          objectKey: 'NL/VLT/LOC1',
          method: 'PUT',
          path: 'NL/VLT/LOC1',
          body: { id: 'LOC1' },
          correlationId: 'corr-push-1',
        },
        {
          partnerId,
          module: 'cdrs',
          objectKey: 'cdr:CDR1',
          method: 'POST',
          body: { id: 'CDR1' },
        },
      ]),
    );
    await waitUntil(async () => {
      const rows: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM "${schema}"."ocpi_push_queue" WHERE "status" = 'delivered'`,
      );
      return rows[0].n === 2;
    });
    const put = peer.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/ocpi/emsp/2.2.1/locations/NL/VLT/LOC1');
    expect(put.headers.authorization).toBe(
      `Token ${Buffer.from('their-token-c').toString('base64')}`,
    );
    expect(put.headers['x-correlation-id']).toBe('corr-push-1');
    expect(put.headers['ocpi-from-country-code']).toBe('NL');
    expect(put.headers['ocpi-from-party-id']).toBe('VLT');
    expect(put.headers['ocpi-to-country-code']).toBe('DE');
    expect(put.headers['ocpi-to-party-id']).toBe('EMS');
    expect(put.body).toEqual({ id: 'LOC1' });
    const [cdr]: { response_location: string }[] = await ds.query(
      `SELECT "response_location" FROM "${schema}"."ocpi_push_queue" WHERE "id" = $1`,
      [cdrId],
    );
    expect(cdr.response_location).toBe(`${peer.url}/ocpi/emsp/2.2.1/cdrs/abc`);
  });

  it('Given a partner without the module endpoint, When pushed, Then the push waits for a retry with the reason', async () => {
    const [id] = await ds.transaction((m) =>
      new OcpiPushQueue(schema).enqueue(m, [
        { partnerId, module: 'tokens', objectKey: 'tok:1', method: 'PUT', body: {} },
      ]),
    );
    let row: { status: string; last_error: string | null } | undefined;
    await waitUntil(async () => {
      [row] = await ds.query(
        `SELECT "status", "last_error" FROM "${schema}"."ocpi_push_queue" WHERE "id" = $1`,
        [id],
      );
      return row?.last_error !== null;
    });
    expect(row).toEqual({ status: 'pending', last_error: expect.stringContaining('no tokens') });
  });
});

async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 8_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
