import { randomUUID } from 'node:crypto';
import { Global, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import { PLATFORM_RUNTIME_OPTIONS } from '@voltlane/platform-runtime';
import { ServiceConfigModule, ServiceModule } from '@voltlane/platform-service';
import { DataSource } from 'typeorm';
import { HttpPushTransport } from './http-push.transport';
import { OcpiPushModule } from './ocpi-push.module';
import { OcpiPushQueue } from './ocpi-push.queue';
import { ocpiPushTablesUpSql } from './persistence/push-tables.sql';
import { ScriptedPeer } from './testing/scripted-peer';

/**
 * OcpiPushModule in a Nest app on a real PostgreSQL: the worker starts with the app, the operator
 * API (OperatorKeyGuard, problem+json errors) shows and retries failed pushes, /metrics has the
 * push metrics, and closing the app stops the worker.
 */
describe('OcpiPushModule: operator API and metrics (real PostgreSQL, real HTTP peer)', () => {
  const schema = `ocpi_push_api_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const adminKey = 'push-queue-test-operator-key-0123456789';
  const url = process.env.DATABASE_URL ?? '';
  let dataSource: DataSource;
  let peer: ScriptedPeer;
  let app: INestApplication;
  let base: string;
  let reject = true;

  const auth = { authorization: `Bearer ${adminKey}` };
  const get = (path: string, headers: Record<string, string> = auth) =>
    fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    if (!url) throw new Error('DATABASE_URL is not set: run through the Jest int project');
    dataSource = createServiceDataSource({ url, schema, applicationName: 'ocpi-push-api-it' });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of ocpiPushTablesUpSql(schema)) await dataSource.query(sql);
    peer = await new ScriptedPeer().start();
    peer.script = (r) =>
      reject && r.path.includes('BAD')
        ? { status: 400, body: { status_code: 2001, status_message: 'evses missing' } }
        : undefined;

    @Global()
    @Module({
      providers: [
        { provide: DataSource, useValue: dataSource },
        {
          provide: PLATFORM_RUNTIME_OPTIONS,
          useValue: {
            schema,
            databaseUrl: url,
            logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
          },
        },
      ],
      exports: [DataSource, PLATFORM_RUNTIME_OPTIONS],
    })
    class FakeRuntimeModule {}

    @Module({
      imports: [
        ServiceConfigModule.forRoot({ ADMIN_API_KEY: adminKey }),
        ServiceModule.forRoot({ serviceName: 'ocpi-push-api-it', healthIndicators: [] }),
        FakeRuntimeModule,
        OcpiPushModule.forRoot({
          transport: {
            useFactory: () =>
              new HttpPushTransport((item) => ({ url: `${peer.url}/${item.module}/${item.path}` })),
          },
          worker: { pollIntervalMs: 100, backoff: { baseMs: 50, capMs: 100 } },
        }),
      ],
    })
    class TestAppModule {}

    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await peer?.stop();
    if (dataSource?.isInitialized) {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    }
  });

  it('Given a rejected push, When an operator looks and retries, Then the queue shows it and delivers it', async () => {
    const queue = app.get(OcpiPushQueue);
    const [badId] = await dataSource.transaction((m) =>
      queue.enqueue(m, [
        {
          partnerId: 'NL-EMS',
          module: 'locations',
          objectKey: 'NL/VLT/BAD',
          method: 'PUT',
          path: 'NL/VLT/BAD',
          body: { id: 'BAD' },
        },
        {
          partnerId: 'NL-EMS',
          module: 'locations',
          objectKey: 'NL/VLT/GOOD',
          method: 'PUT',
          path: 'NL/VLT/GOOD',
          body: { id: 'GOOD' },
        },
      ]),
    );
    await waitUntil(async () => {
      const res = await get('/admin/v1/push-queue/items?status=failed');
      return ((await res.json()) as { total: number }).total === 1;
    }, 'the failed push');

    expect((await get('/admin/v1/push-queue', {})).status).toBe(401);
    const summary = (await (await get('/admin/v1/push-queue')).json()) as {
      partners: Record<string, unknown>[];
    };
    expect(summary.partners).toEqual([
      expect.objectContaining({ partner_id: 'NL-EMS', pending: 0, failing: 1 }),
    ]);
    expect(String(summary.partners[0].last_error)).toContain('evses missing');

    const list = (await (
      await get('/admin/v1/push-queue/items?partner_id=NL-EMS&status=failed&limit=10')
    ).json()) as { items: Record<string, unknown>[]; total: number; limit: number };
    expect(list).toEqual(
      expect.objectContaining({
        total: 1,
        limit: 10,
        items: [expect.objectContaining({ id: badId, last_http_status: 400 })],
      }),
    );
    expect((await get('/admin/v1/push-queue/items?status=bogus')).status).toBe(400);

    reject = false;
    const retried = await fetch(`${base}/admin/v1/push-queue/${badId}/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(retried.status).toBe(202);
    await waitUntil(
      async () => peer.received('/locations/NL/VLT/BAD').length === 2,
      'the retried push',
    );
    const again = await fetch(`${base}/admin/v1/push-queue/${badId}/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code?: string }).code).toBe('OCPI_PUSH.RETRY_REFUSED');
    const missing = await fetch(`${base}/admin/v1/push-queue/abc/retry`, {
      method: 'POST',
      headers: auth,
    });
    expect(missing.status).toBe(404);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /ocpi_push_deliveries_total\{partner="NL-EMS",module="locations",outcome="failed",service="ocpi-push-api-it"\} 1/,
    );
    expect(metrics).toMatch(/ocpi_push_failures_total\{partner="NL-EMS",[^}]*\} 1/);
    expect(metrics).toMatch(/ocpi_push_deliveries_total\{[^}]*outcome="delivered"[^}]*\} 2/);
  });
});

async function waitUntil(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 8_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
