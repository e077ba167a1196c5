import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { toHeaders, type EventEnvelope } from '@voltlane/contracts-events';
import { createServiceDataSource } from './data-source.factory';
import { OutboxRelay } from './outbox.relay';
import { InvalidOutgoingEventError, OutboxWriter } from './outbox.writer';
import {
  createPlatformSchema,
  databaseUrl,
  deferred,
  dropSchema,
  outboxRows,
  PROBE_TOPIC,
  probeMessage,
  RecordingPublisher,
  silentRelayLogger,
  sleep,
  uniqueSchema,
  waitFor,
} from './testing/platform-schema.fixture';

/** OutboxWriter on a real PostgreSQL: transactional, validated, and ordered per key. */
describe('OutboxWriter (real PostgreSQL)', () => {
  const schema = uniqueSchema('outbox_writer');
  const run = randomUUID().slice(0, 8);
  const applicationName = `outbox-writer-it-${run}`;
  let pool: Pool;
  let ds: DataSource;
  let writer: OutboxWriter;

  const rowCount = async () =>
    Number(
      (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."outbox"`)).rows[0].n,
    );

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 3 });
    await createPlatformSchema(pool, schema);
    ds = createServiceDataSource({ url: databaseUrl(), schema, applicationName, poolSize: 5 });
    await ds.initialize();
    writer = new OutboxWriter(schema, 'platform-probe');
  });

  afterEach(async () => {
    await pool.query(`DELETE FROM "${schema}"."outbox"`);
  });

  afterAll(async () => {
    await ds?.destroy();
    if (pool) await dropSchema(pool, schema);
    await pool?.end();
  });

  it('refuses to append outside a transaction and writes nothing', async () => {
    await expect(writer.append(ds.manager, [probeMessage(`k-${run}`, 0)])).rejects.toThrow(
      /inside a database transaction/,
    );
    expect(await rowCount()).toBe(0);
  });

  it('refuses a contract-breaking event without writing any row of the call', async () => {
    const bad = probeMessage(`k-${run}`, 1, {
      data: { probeKey: `k-${run}`, sequence: -1, amount: 'lots' },
    });
    await ds.transaction(async (manager) => {
      const attempt = writer.append(manager, [probeMessage(`k-${run}`, 0), bad]);
      await expect(attempt).rejects.toBeInstanceOf(InvalidOutgoingEventError);
      await expect(attempt).rejects.toMatchObject({
        code: 'PLATFORM.INVALID_OUTGOING_EVENT',
        message: expect.stringMatching(/platform\.probe\.recorded\.v1.*sequence/),
      });
      // Not even the valid first message reached the table (same transaction, so it would show).
      const [{ n }] = (await manager.query(`SELECT count(*) AS n FROM "${schema}"."outbox"`)) as {
        n: string;
      }[];
      expect(Number(n)).toBe(0);
    });
    expect(await rowCount()).toBe(0);
  });

  it('writes validated envelopes with key and headers, in call order, and returns their event ids', async () => {
    const fixedId = randomUUID();
    const causation = randomUUID();
    const ids = await ds.transaction((manager) =>
      writer.append(manager, [
        probeMessage(`a-${run}`, 0),
        probeMessage(`b-${run}`, 0, { eventId: fixedId, causationId: causation }),
        probeMessage(`a-${run}`, 1, { occurredAt: '2026-01-02T03:04:05.000Z' }),
      ]),
    );
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(fixedId);

    const rows = await outboxRows(pool, schema);
    expect(rows.map((r) => r.message_key)).toEqual([`a-${run}`, `b-${run}`, `a-${run}`]);
    const envelopes = rows.map((r) => JSON.parse(r.payload) as EventEnvelope<{ sequence: number }>);
    expect(envelopes.map((e) => e.eventId)).toEqual(ids);
    expect(envelopes.map((e) => e.data.sequence)).toEqual([0, 0, 1]);
    for (const [i, row] of rows.entries()) {
      expect(row.topic).toBe(PROBE_TOPIC);
      expect(row.attempts).toBe(0);
      expect(row.last_error).toBeNull();
      expect(row.headers).toEqual(toHeaders(envelopes[i]));
      expect(envelopes[i]).toMatchObject({
        eventType: 'platform.probe.recorded',
        schemaVersion: 1,
        producer: 'platform-probe',
        correlationId: `corr-${row.message_key}`,
      });
    }
    expect(envelopes[0].causationId).toBeNull();
    expect(envelopes[1].causationId).toBe(causation);
    expect(envelopes[2].occurredAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('returns at once for an empty list, even outside a transaction', async () => {
    await expect(writer.append(ds.manager, [])).resolves.toEqual([]);
  });

  it('rolls the rows back with the transaction', async () => {
    await expect(
      ds.transaction(async (manager) => {
        await writer.append(manager, [probeMessage(`k-${run}`, 0), probeMessage(`k-${run}`, 1)]);
        throw new Error('use case failed after writing its events');
      }),
    ).rejects.toThrow('use case failed');
    expect(await rowCount()).toBe(0);
  });

  it('serialises writers of the same key: B waits for A to commit, so id order is commit order', async () => {
    const key = `same-${run}`;
    const aAppended = deferred();
    const releaseA = deferred();
    const order: string[] = [];

    const txA = ds.transaction(async (manager) => {
      const [id] = await writer.append(manager, [probeMessage(key, 0)]);
      aAppended.resolve();
      await releaseA.promise;
      order.push('A commits');
      return id;
    });
    await aAppended.promise;
    const txB = ds.transaction(async (manager) => {
      const [id] = await writer.append(manager, [probeMessage(key, 1)]);
      order.push('B appended');
      return id;
    });

    // B is parked on the key's advisory lock while A is open…
    await waitFor(
      async () =>
        Number(
          (
            await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
               WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1`,
              [applicationName],
            )
          ).rows[0].n,
        ),
      (n) => n === 1,
      { timeoutMs: 10_000, what: 'transaction B to wait on the advisory lock' },
    );
    await sleep(200);
    expect(order).toEqual([]);
    // …while a writer of another key is not held up by A.
    await ds.transaction((manager) => writer.append(manager, [probeMessage(`other-${run}`, 0)]));

    releaseA.resolve();
    const [idA, idB] = await Promise.all([txA, txB]);
    expect(order).toEqual(['A commits', 'B appended']);
    const sameKey = (await outboxRows(pool, schema)).filter((r) => r.message_key === key);
    expect(sameKey.map((r) => (JSON.parse(r.payload) as EventEnvelope).eventId)).toEqual([
      idA,
      idB,
    ]);
    expect(BigInt(sameKey[1].id)).toBeGreaterThan(BigInt(sameKey[0].id));
  });

  it('does not deadlock when two transactions write the same keys in opposite order', async () => {
    const [k1, k2] = [`x-${run}`, `y-${run}`];
    const bothAppended = { a: deferred(), b: deferred() };
    const write = (keys: string[], mine: { resolve: () => void }, other: Promise<void>) =>
      ds.transaction(async (manager) => {
        await writer.append(
          manager,
          keys.map((k, i) => probeMessage(k, i)),
        );
        mine.resolve();
        await Promise.race([other, sleep(300)]);
      });
    await Promise.all([
      write([k1, k2], bothAppended.a, bothAppended.b.promise),
      write([k2, k1], bothAppended.b, bothAppended.a.promise),
    ]);
    expect(await rowCount()).toBe(4);
  });

  it("cannot be blocked by the relay's leadership lock, whatever the message key", async () => {
    const relay = new OutboxRelay(
      { databaseUrl: databaseUrl(), schema, pollIntervalMs: 100 },
      new RecordingPublisher(),
      silentRelayLogger,
    );
    relay.start();
    try {
      await waitFor(() => relay.isLeader, Boolean, { timeoutMs: 10_000, what: 'relay leadership' });
      // A key that spells the relay's lock name (keys come from the outside world: station ids…).
      const hostileKey = `voltlane-outbox-relay:${schema}`;
      await ds.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = '3s'`);
        await writer.append(manager, [probeMessage(hostileKey, 0)]);
      });
      await waitFor(
        () => relay.publishedCount,
        (n) => n === 1,
        {
          timeoutMs: 10_000,
          what: 'the relay to publish the row',
        },
      );
    } finally {
      await relay.stop();
    }
  });
});
