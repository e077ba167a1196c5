import { randomBytes, randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { extractTraceContext } from '@voltlane/platform-core';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import { waitFor } from '@voltlane/testing';
import type { DataSource } from 'typeorm';
import { HttpPushTransport } from './http-push.transport';
import { OcpiPushQueue } from './ocpi-push.queue';
import { OcpiPushWorker } from './ocpi-push.worker';
import { ocpiPushTablesUpSql } from './persistence/push-tables.sql';
import { ScriptedPeer } from './testing/scripted-peer';

/**
 * A push continues the trace of the operation that enqueued it (e.g. the consumer span of the
 * `billing.cdr.created` event), so one trace reaches from a StartTransaction to the CDR POST at
 * the partner: the trace context is stored on the queue row and restored by the worker.
 */
describe('OCPI push delivery continues the enqueuing trace (real PostgreSQL, real HTTP peer)', () => {
  const schema = `ocpi_push_tr_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let ds: DataSource;
  let peer: ScriptedPeer;
  let worker: OcpiPushWorker | undefined;
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run through the Jest int project');
    ds = createServiceDataSource({
      url,
      schema,
      applicationName: 'ocpi-push-trace-it',
      poolSize: 2,
    });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of ocpiPushTablesUpSql(schema)) await ds.query(sql);
    peer = await new ScriptedPeer().start();
  });

  afterAll(async () => {
    await worker?.stop(2_000);
    await peer?.stop();
    if (ds?.isInitialized) {
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    }
    context.disable();
  });

  it('Given a push enqueued inside a trace, When delivered, Then the partner receives a traceparent of that trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentSpanId = randomBytes(8).toString('hex');
    const enqueuing = extractTraceContext({ traceparent: `00-${traceId}-${parentSpanId}-01` });
    const queue = new OcpiPushQueue(schema);
    await context.with(enqueuing, () =>
      ds.transaction((m) =>
        queue.enqueue(m, [
          {
            partnerId: 'p1',
            module: 'cdrs',
            objectKey: 'cdr:T1',
            method: 'POST',
            body: { id: 'T1' },
          },
        ]),
      ),
    );
    // an untraced push next to it carries no inherited trace
    await ds.transaction((m) =>
      queue.enqueue(m, [
        {
          partnerId: 'p1',
          module: 'cdrs',
          objectKey: 'cdr:T2',
          method: 'POST',
          body: { id: 'T2' },
        },
      ]),
    );
    const [stored] = (await ds.query(
      `SELECT "trace_headers" FROM "${schema}"."ocpi_push_queue" WHERE "object_key" = 'cdr:T1'`,
    )) as { trace_headers: Record<string, string> }[];
    expect(stored.trace_headers.traceparent).toContain(traceId);

    worker = new OcpiPushWorker(
      ds,
      new HttpPushTransport((item) => ({ url: `${peer.url}/${item.module}` }), 5_000),
      { schema, databaseUrl: process.env.DATABASE_URL as string, pollIntervalMs: 50 },
    );
    worker.start();
    await waitFor(
      async () => peer.requests.length,
      (n) => n >= 2,
      { timeoutMs: 10_000, what: 'two pushes' },
    );

    const byId = (id: string) => peer.requests.find((r) => (r.body as { id: string }).id === id);
    const traced = String(byId('T1')?.headers.traceparent ?? '');
    expect(traced).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    expect(byId('T2')?.headers.traceparent ?? '').not.toContain(traceId);
  });
});
