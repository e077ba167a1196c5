import { randomUUID } from 'node:crypto';
import { createServiceDataSource } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { HttpPushTransport } from './http-push.transport';
import { OcpiPushQueue } from './ocpi-push.queue';
import { OcpiPushWorker, type OcpiPushWorkerOptions } from './ocpi-push.worker';
import { PushQueueRepository } from './persistence/push-queue.repository';
import { ocpiPushTablesDownSql, ocpiPushTablesUpSql } from './persistence/push-tables.sql';
import type { PushItem, PushTransport } from './push.types';
import { type PeerRequest, ScriptedPeer } from './testing/scripted-peer';

/**
 * OCPI push delivery on a real PostgreSQL, to a scripted receiver over real HTTP. Each DataSource
 * stands for one replica's connection pool; two workers on two DataSources are two replicas.
 */
describe('OCPI push queue and worker (real PostgreSQL, real HTTP peer)', () => {
  const schema = `ocpi_push_it_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const url = databaseUrl();
  const dataSources: DataSource[] = [];
  const workers: OcpiPushWorker[] = [];
  let admin: DataSource;
  let peer: ScriptedPeer;
  let queue: OcpiPushQueue;
  let repo: PushQueueRepository;

  async function newDataSource(): Promise<DataSource> {
    const ds = createServiceDataSource({
      url,
      schema,
      applicationName: 'ocpi-push-it',
      poolSize: 4,
    });
    await ds.initialize();
    dataSources.push(ds);
    return ds;
  }

  function transport(timeoutMs = 5_000): PushTransport {
    return new HttpPushTransport(
      (item) => ({ url: `${peer.url}/${item.module}/${item.path ?? item.objectKey}` }),
      timeoutMs,
    );
  }

  function newWorker(
    ds: DataSource,
    options: Partial<OcpiPushWorkerOptions> = {},
    via: PushTransport = transport(),
  ): OcpiPushWorker {
    const worker = new OcpiPushWorker(ds, via, {
      schema,
      databaseUrl: url,
      pollIntervalMs: 100,
      backoff: { baseMs: 40, capMs: 200 },
      ...options,
    });
    workers.push(worker);
    return worker;
  }

  async function enqueue(items: PushItem[]): Promise<string[]> {
    return admin.transaction((m) => queue.enqueue(m, items));
  }

  /** A PATCH of object `obj` carrying `seq`, pushed to `locations/<obj>`. */
  function patch(partnerId: string, obj: string, seq: number): PushItem {
    return {
      partnerId,
      module: 'locations',
      objectKey: obj,
      method: seq === 0 ? 'PUT' : 'PATCH',
      path: obj,
      body: { obj, seq, last_updated: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString() },
    };
  }

  const seqOf = (r: PeerRequest) => (r.body as { seq: number }).seq;
  const okAnswers = (prefix: string) => peer.received(prefix).filter((r) => !failedRequests.has(r));
  const failedRequests = new Set<PeerRequest>();

  async function rows(where = 'TRUE'): Promise<Record<string, unknown>[]> {
    return admin.query(`SELECT * FROM "${schema}"."ocpi_push_queue" WHERE ${where} ORDER BY "id"`);
  }

  beforeAll(async () => {
    admin = await newDataSource();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of ocpiPushTablesUpSql(schema)) await admin.query(sql);
    queue = new OcpiPushQueue(schema);
    repo = new PushQueueRepository(schema);
  });

  beforeEach(async () => {
    peer = await new ScriptedPeer().start();
    failedRequests.clear();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop(2_000)));
    await peer.stop();
    await admin.query(`DELETE FROM "${schema}"."ocpi_push_queue"`);
  });

  afterAll(async () => {
    if (admin?.isInitialized) {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await Promise.all(dataSources.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
  });

  it('Given the down SQL, When applied and re-applied, Then the queue table goes and comes back', async () => {
    const scratch = `${schema}_ddl`;
    await admin.query(`CREATE SCHEMA "${scratch}"`);
    try {
      for (const sql of ocpiPushTablesUpSql(scratch)) await admin.query(sql);
      for (const sql of ocpiPushTablesDownSql(scratch)) await admin.query(sql);
      const left: unknown[] = await admin.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1`, [
        scratch,
      ]);
      expect(left).toHaveLength(0);
      for (const sql of ocpiPushTablesUpSql(scratch)) await admin.query(sql);
    } finally {
      await admin.query(`DROP SCHEMA "${scratch}" CASCADE`);
    }
  });

  it('Given no transaction, When enqueueing, Then it refuses; Given a rolled-back one, Then nothing is queued', async () => {
    await expect(queue.enqueue(admin.manager, [patch('p-tx', 'obj', 0)])).rejects.toThrow(
      /inside a database transaction/,
    );
    await expect(
      admin.transaction(async (m) => {
        await queue.enqueue(m, [patch('p-tx', 'obj', 0)]);
        throw new Error('consumer failed');
      }),
    ).rejects.toThrow('consumer failed');
    expect(await rows()).toHaveLength(0);
  });

  it('Given 12 objects × 15 pushes, When delivered with concurrency 6, Then each object is in order, objects in parallel, each push once', async () => {
    peer.script = () => ({ delayMs: 5 + Math.floor(Math.random() * 10) });
    const objects = Array.from({ length: 12 }, (_, i) => `LOC${i}`);
    // several transactions, interleaving objects, enqueued while the worker already runs
    newWorker(await newDataSource(), { concurrency: 6 }).start();
    for (let seq = 0; seq < 15; seq++) {
      await enqueue(objects.map((o) => patch('p-order', o, seq)));
    }
    await waitUntil(() => peer.requests.length >= 180, 20_000, 'all 180 pushes');
    await sleep(200);
    expect(peer.requests).toHaveLength(180);
    for (const o of objects) {
      expect(peer.received(`/locations/${o}`).map(seqOf)).toEqual(
        Array.from({ length: 15 }, (_, i) => i),
      );
    }
    expect(peer.received('/locations/LOC0')[0].method).toBe('PUT');
    expect(peer.maxInFlightPerPath).toBe(1);
    expect(peer.maxInFlight).toBeGreaterThan(1);
    expect(peer.maxInFlight).toBeLessThanOrEqual(6);
    expect(await rows(`"status" <> 'delivered'`)).toHaveLength(0);
  });

  it('Given a partner outage, When it recovers, Then every push is accepted exactly once and in order', async () => {
    let down = true;
    peer.script = (r) => {
      if (!down) return undefined;
      failedRequests.add(r);
      return r.path.includes('LOCB')
        ? { status: 200, body: { status_code: 3000, status_message: 'busy' } }
        : { status: 503 };
    };
    const ds = await newDataSource();
    newWorker(ds, { concurrency: 4 }).start();
    for (let seq = 0; seq < 6; seq++) {
      await enqueue([patch('p-outage', 'LOCA', seq), patch('p-outage', 'LOCB', seq)]);
    }
    await waitUntil(() => failedRequests.size >= 6, 10_000, 'several failed attempts');
    // during the outage only the heads are tried, never a later push of the same object
    expect([...failedRequests].map(seqOf).every((s) => s === 0)).toBe(true);
    const summary = await repo.summary(ds);
    expect(summary).toEqual([
      expect.objectContaining({ partner_id: 'p-outage', pending: 12, failing: 2 }),
    ]);
    expect(summary[0].last_error).toMatch(/HTTP (503|200)/);
    down = false;
    await waitUntil(() => okAnswers('/locations/').length >= 12, 10_000, 'recovery');
    await sleep(300);
    for (const o of ['LOCA', 'LOCB']) {
      expect(okAnswers(`/locations/${o}`).map(seqOf)).toEqual([0, 1, 2, 3, 4, 5]);
    }
    const heads = await rows(`"object_key" IN ('LOCA', 'LOCB') AND "attempts" > 1`);
    expect(heads.length).toBe(2);
    expect(heads.every((r) => r.status === 'delivered')).toBe(true);
  });

  it('Given two replicas on one queue, When 240 pushes are delivered, Then the peer receives each exactly once, in order per object', async () => {
    peer.script = () => ({ delayMs: 3 });
    const objects = Array.from({ length: 24 }, (_, i) => `EVSE${i}`);
    const items = objects.flatMap((o) =>
      Array.from({ length: 10 }, (_, seq) => patch('p-replicas', o, seq)),
    );
    await enqueue(items);
    const a = newWorker(await newDataSource(), { concurrency: 4, instanceId: 'replica-a' });
    const b = newWorker(await newDataSource(), { concurrency: 4, instanceId: 'replica-b' });
    a.start();
    b.start();
    await waitUntil(() => peer.requests.length >= 240, 20_000, '240 pushes');
    await sleep(300);
    expect(peer.requests).toHaveLength(240);
    const keys = peer.requests.map((r) => `${(r.body as { obj: string }).obj}:${seqOf(r)}`);
    expect(new Set(keys).size).toBe(240);
    for (const o of objects) {
      expect(peer.received(`/locations/${o}`).map(seqOf)).toEqual([...Array(10).keys()]);
    }
    expect(peer.maxInFlightPerPath).toBe(1);
    expect(a.stats.delivered).toBeGreaterThan(0);
    expect(b.stats.delivered).toBeGreaterThan(0);
    expect(a.stats.delivered + b.stats.delivered).toBe(240);
  });

  it('Given a replica stopped mid-delivery, When its lease expires, Then another sends that one push again, and nothing delivered is re-sent', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holdNext = true;
    peer.script = (r) => {
      if (seqOf(r) === 2 && holdNext) {
        holdNext = false;
        return { hold: held };
      }
      return undefined;
    };
    await enqueue([0, 1, 2, 3].map((seq) => patch('p-crash', 'LOCK', seq)));
    const crashedDs = await newDataSource();
    const crashed = newWorker(crashedDs, { leaseMs: 3_000, instanceId: 'crashed' });
    crashed.start();
    await waitUntil(() => peer.requests.length >= 3, 5_000, 'the held push');
    // the replica dies: stop without waiting, its pool goes away with the delivery in flight
    await crashed.stop(10);
    await crashedDs.destroy();
    const survivor = newWorker(await newDataSource(), { leaseMs: 3_000, instanceId: 'survivor' });
    survivor.start();
    await sleep(700);
    expect(peer.requests).toHaveLength(3); // lease still valid: nobody overtakes or re-sends
    await waitUntil(() => peer.requests.length >= 5, 10_000, 'resend after lease expiry');
    release();
    await sleep(500);
    expect(peer.requests.map(seqOf)).toEqual([0, 1, 2, 2, 3]);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    // a restarted replica finds nothing to send again
    await survivor.stop();
    const restarted = newWorker(await newDataSource(), { instanceId: 'restarted' });
    restarted.start();
    await sleep(600);
    expect(peer.requests).toHaveLength(5);
  });

  it('Given maxAttempts, When a partner keeps failing, Then the push is marked failed after that many attempts and the next proceeds', async () => {
    peer.script = (r) => (seqOf(r) === 0 ? { status: 502 } : undefined);
    await enqueue([patch('p-giveup', 'LOCZ', 0), patch('p-giveup', 'LOCZ', 1)]);
    newWorker(await newDataSource(), { maxAttempts: 3 }).start();
    await waitUntil(() => peer.requests.length >= 4, 5_000, 'three attempts and the next push');
    await sleep(200);
    expect(peer.requests.map(seqOf)).toEqual([0, 0, 0, 1]);
    const [first] = await rows();
    expect([first.status, first.attempts, first.last_http_status]).toEqual(['failed', 3, 502]);
    expect(String(first.last_error)).toMatch(/^gave up after 3 attempts: HTTP 502/);
  });

  it('Given a worker stopping gracefully, When a delivery is in flight, Then it finishes and is recorded', async () => {
    peer.script = () => ({ delayMs: 400 });
    await enqueue([patch('p-graceful', 'LOCG', 0)]);
    const worker = newWorker(await newDataSource());
    worker.start();
    await waitUntil(() => peer.requests.length >= 1, 5_000, 'the push in flight');
    await worker.stop(5_000);
    expect((await rows()).map((r) => r.status)).toEqual(['delivered']);
  });

  it('Given a full PUT with replacesPending, When queued behind older pushes, Then it supersedes them except a POST', async () => {
    const ids = await enqueue([
      patch('p-supersede', 'LOCS', 0),
      patch('p-supersede', 'LOCS', 1),
      { ...patch('p-supersede', 'LOCS', 2), method: 'POST', module: 'cdrs' },
      patch('p-supersede', 'LOCS', 3),
      patch('p-other', 'LOCS', 1),
    ]);
    const [put] = await enqueue([
      { ...patch('p-supersede', 'LOCS', 9), method: 'PUT', replacesPending: true },
    ]);
    await enqueue([patch('p-supersede', 'LOCS', 10)]);
    newWorker(await newDataSource()).start();
    await waitUntil(() => peer.requests.length >= 4, 5_000, 'the remaining pushes');
    await sleep(300);
    expect(peer.requests).toHaveLength(4);
    const superseded = await rows(`"status" = 'superseded'`);
    expect(superseded.map((r) => String(r.id))).toEqual([ids[0], ids[1], ids[3]]);
    expect(superseded.every((r) => String(r.superseded_by) === put)).toBe(true);
    const ordered = peer.requests
      .filter((r) => (r.body as { seq: number }).seq !== 1)
      .map((r) => `${r.method}:${seqOf(r)}`);
    expect(ordered).toEqual(['POST:2', 'PUT:9', 'PATCH:10']);
  });

  it('Given a permanent error, When the push fails, Then the next one proceeds, the error is visible and an operator can retry', async () => {
    let reject = true;
    peer.script = (r) => {
      if (r.path.startsWith('/locations/LOCF') && seqOf(r) === 0 && reject) {
        return { status: 400, body: { status_code: 2001, status_message: 'missing evses' } };
      }
      if (r.path.startsWith('/locations/LOCX') && reject) {
        return { status: 200, body: { status_code: 2003, status_message: 'unknown location' } };
      }
      return undefined;
    };
    const ds = await newDataSource();
    const [failedId] = await enqueue([patch('p-fail', 'LOCF', 0), patch('p-fail', 'LOCF', 1)]);
    const [lonelyId] = await enqueue([patch('p-fail', 'LOCX', 0)]);
    newWorker(ds).start();
    await waitUntil(() => peer.requests.length >= 3, 5_000, 'three attempts');
    await sleep(300);
    expect(peer.received('/locations/LOCF').map(seqOf)).toEqual([0, 1]);
    const failed = await rows(`"status" = 'failed'`);
    expect(failed.map((r) => [String(r.id), r.last_http_status, r.last_ocpi_status])).toEqual([
      [failedId, 400, 2001],
      [lonelyId, 200, 2003],
    ]);
    expect(String(failed[0].last_error)).toContain('missing evses');
    const summary = await repo.summary(ds);
    expect(summary).toEqual([
      expect.objectContaining({ partner_id: 'p-fail', pending: 0, failing: 2 }),
    ]);
    // a newer push of LOCF was delivered since: re-sending the old one would overwrite it
    expect(await repo.retry(ds, failedId)).toEqual({ ok: false, reason: 'newer_delivered' });
    expect(await repo.retry(ds, '999999999')).toEqual({ ok: false, reason: 'not_found' });
    reject = false;
    expect(await repo.retry(ds, lonelyId)).toEqual({ ok: true });
    await waitUntil(() => peer.received('/locations/LOCX').length >= 2, 5_000, 'the retry');
    await sleep(200);
    expect((await rows(`"id" = ${lonelyId}`))[0].status).toBe('delivered');
    expect(await repo.retry(ds, lonelyId)).toEqual({ ok: false, reason: 'not_failed' });
    const listed = await repo.list(ds, {
      partnerId: 'p-fail',
      status: 'failed',
      offset: 0,
      limit: 10,
    });
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toEqual(
      expect.objectContaining({ id: failedId, status: 'failed', last_ocpi_status: 2001 }),
    );
  });

  it('Given a failed push whose successor is being sent, When an operator retries it, Then it is refused instead of overtaking', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    peer.script = (r) =>
      seqOf(r) === 0
        ? { status: 400, body: { status_code: 2001, status_message: 'bad' } }
        : { hold: held };
    const ds = await newDataSource();
    const [failedId] = await enqueue([
      patch('p-overtake', 'LOCO', 0),
      patch('p-overtake', 'LOCO', 1),
    ]);
    newWorker(ds).start();
    await waitUntil(() => peer.requests.length >= 2, 5_000, 'the successor in flight');
    expect(await repo.retry(ds, failedId)).toEqual({ ok: false, reason: 'newer_in_flight' });
    release();
    await waitUntil(
      async () => (await rows(`"status" = 'delivered'`)).length === 1,
      5_000,
      'the successor delivered',
    );
    expect(await repo.retry(ds, failedId)).toEqual({ ok: false, reason: 'newer_delivered' });
    expect(peer.requests.map(seqOf)).toEqual([0, 1]);
  });

  it('Given a POSTed CDR, When the eMSP answers with a Location, Then it is stored and the onDelivered hook records it in the same transaction', async () => {
    peer.script = (r) =>
      r.method === 'POST' ? { headers: { location: `${peer.url}/cdrs/at-emsp/CDR1` } } : undefined;
    await admin.query(`CREATE TABLE "${schema}"."cdr_urls" ("push_id" bigint, "url" text)`);
    const [id] = await enqueue([
      {
        partnerId: 'p-cdr',
        module: 'cdrs',
        objectKey: 'cdr:CDR1',
        method: 'POST',
        body: { id: 'CDR1' },
      },
    ]);
    const worker = newWorker(await newDataSource());
    worker.onDelivered(async (d, manager) => {
      await manager.query(`INSERT INTO "${schema}"."cdr_urls" VALUES ($1, $2)`, [
        d.item.id,
        d.location,
      ]);
    });
    worker.start();
    await waitUntil(
      async () =>
        ((await admin.query(`SELECT 1 FROM "${schema}"."cdr_urls"`)) as unknown[]).length > 0,
      5_000,
      'the hook',
    );
    const [row] = await rows();
    expect(row.response_location).toBe(`${peer.url}/cdrs/at-emsp/CDR1`);
    expect(await admin.query(`SELECT "push_id"::text, "url" FROM "${schema}"."cdr_urls"`)).toEqual([
      { push_id: id, url: `${peer.url}/cdrs/at-emsp/CDR1` },
    ]);
    expect(peer.requests[0].headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('Given retention periods, When purged, Then old delivered rows go and pending ones stay', async () => {
    await enqueue([patch('p-purge', 'A', 0), patch('p-purge', 'B', 0)]);
    await admin.query(
      `UPDATE "${schema}"."ocpi_push_queue" SET "status" = 'delivered',
         "finished_at" = now() - interval '8 days' WHERE "object_key" = 'A'`,
    );
    expect(await repo.purge(admin, 7 * 86_400_000, 30 * 86_400_000)).toBe(1);
    expect((await rows()).map((r) => r.object_key)).toEqual(['B']);
  });
});

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through the Jest int project');
  return url;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
