import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { type OutboxPublisher, OutboxRelay, type OutboxRelayOptions } from './outbox.relay';
import {
  createPlatformSchema,
  databaseUrl,
  dropSchema,
  kafkaBrokers,
  outboxRows,
  RecordingPublisher,
  silentRelayLogger,
  sleep,
  uniqueSchema,
  waitFor,
} from './testing/platform-schema.fixture';

/**
 * OutboxRelay on a real PostgreSQL (and a real Kafka broker for the publishing path). Rows are
 * inserted with plain SQL: the relay's input is the outbox table, whatever wrote it.
 */
describe('OutboxRelay (real PostgreSQL + Kafka)', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `voltlane-it.outbox-relay.${run}`;
  const schemas: string[] = [];
  const relays: OutboxRelay[] = [];
  let pool: Pool;
  let kafka: KafkaPlatform;

  async function newSchema(name = uniqueSchema('outbox_relay')): Promise<string> {
    await createPlatformSchema(pool, name);
    schemas.push(name);
    return name;
  }

  function newRelay(
    schema: string,
    publisher: OutboxPublisher = new RecordingPublisher(),
    options: Partial<OutboxRelayOptions> = {},
  ): OutboxRelay {
    const relay = new OutboxRelay(
      { databaseUrl: databaseUrl(), schema, ...options },
      publisher,
      silentRelayLogger,
    );
    relays.push(relay);
    return relay;
  }

  /** One transaction, one INSERT statement (so one NOTIFY), rows in the given order. */
  async function insert(
    schema: string,
    rows: { key: string; value: string; topic?: string }[],
  ): Promise<void> {
    await pool.query(
      `INSERT INTO "${schema}"."outbox" ("topic", "message_key", "payload", "headers")
       SELECT t.topic, t.k, t.v, jsonb_build_object('x-seq', t.v)
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(topic, k, v, ord)
       ORDER BY t.ord`,
      [rows.map((r) => r.topic ?? topic), rows.map((r) => r.key), rows.map((r) => r.value)],
    );
  }

  const pending = async (schema: string) => (await outboxRows(pool, schema)).length;

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 4 });
    kafka = new KafkaPlatform(
      { brokers: kafkaBrokers(), clientId: `outbox-relay-it-${run}`, defaultPartitions: 3 },
      silentKafkaLogger,
    );
    await kafka.start([], [{ topic, numPartitions: 3 }]);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await kafka?.disconnect();
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool?.end();
  });

  it('publishes rows to Kafka in id order (per key) and deletes them only once acknowledged', async () => {
    const schema = await newSchema();
    const keys = ['k1', 'k2', 'k3'].map((k) => `${k}-${run}`);
    const perKey = 30;
    // Five transactions, keys interleaved, before the relay runs: it drains in batches of 7.
    for (let tx = 0; tx < 5; tx++) {
      const rows = [];
      for (let i = tx * 6; i < (tx + 1) * 6; i++) {
        for (const key of keys) rows.push({ key, value: `${key}:${i}` });
      }
      await insert(schema, rows);
    }
    const relay = newRelay(schema, kafka.producer, { batchSize: 7 });
    relay.start();

    await waitFor(
      () => pending(schema),
      (n) => n === 0,
      {
        timeoutMs: 20_000,
        what: 'the outbox to drain',
      },
    );
    expect(relay.publishedCount).toBe(keys.length * perKey);
    expect(await relay.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });

    const records = await kafka.readRaw(topic, {
      maxRecords: keys.length * perKey,
      timeoutMs: 20_000,
    });
    expect(records).toHaveLength(keys.length * perKey);
    for (const key of keys) {
      const mine = records
        .filter((r) => r.key === key)
        .sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map((r) => r.value?.toString())).toEqual(
        Array.from({ length: perKey }, (_, i) => `${key}:${i}`),
      );
      expect(mine.map((r) => r.headers['x-seq'])).toEqual(mine.map((r) => r.value?.toString()));
    }
  });

  it('is woken by NOTIFY at commit: a row is published well before the poll interval', async () => {
    const schema = await newSchema();
    const relay = newRelay(schema, kafka.producer, { pollIntervalMs: 10_000 });
    relay.start();
    await waitFor(() => relay.isLeader, Boolean, { timeoutMs: 10_000, what: 'leadership' });
    // Warm-up row (the producer's first send to the topic fetches metadata).
    await insert(schema, [{ key: `warm-${run}`, value: 'warm' }]);
    await waitFor(
      () => relay.publishedCount,
      (n) => n === 1,
      { timeoutMs: 10_000, what: 'warm-up' },
    );

    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      await sleep(200); // the relay is idle, in its 10 s sleep
      const before = relay.publishedCount;
      const started = Date.now();
      await insert(schema, [{ key: `fast-${run}`, value: `fast:${i}` }]);
      await waitFor(
        () => relay.publishedCount,
        (n) => n === before + 1,
        {
          timeoutMs: 5_000,
          intervalMs: 5,
          what: 'the row to be published',
        },
      );
      latencies.push(Date.now() - started);
    }
    // Polling would take 10 s; NOTIFY takes milliseconds (margins for a loaded machine).
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    expect(Math.min(...latencies)).toBeLessThan(500);
  });

  it('has one leader per schema; when the leader stops, the standby takes over and publishes', async () => {
    const schema = await newSchema();
    const [pa, pb] = [new RecordingPublisher(), new RecordingPublisher()];
    const a = newRelay(schema, pa, { pollIntervalMs: 100 });
    const b = newRelay(schema, pb, { pollIntervalMs: 100 });
    a.start();
    b.start();
    await waitFor(() => a.isLeader || b.isLeader, Boolean, { timeoutMs: 10_000, what: 'a leader' });
    await sleep(500); // several leadership polls of the standby
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.isLeader ? [a, b] : [b, a];
    const [leaderOut, standbyOut] = a.isLeader ? [pa, pb] : [pb, pa];

    await insert(
      schema,
      [1, 2, 3].map((i) => ({ key: 'k', value: `first:${i}` })),
    );
    await waitFor(
      () => pending(schema),
      (n) => n === 0,
      { timeoutMs: 10_000, what: 'first rows' },
    );
    expect(leaderOut.records.map((r) => r.value)).toEqual(['first:1', 'first:2', 'first:3']);
    expect(standbyOut.calls).toBe(0);

    await leader.stop();
    await waitFor(() => standby.isLeader, Boolean, {
      timeoutMs: 10_000,
      what: 'the standby to take over',
    });
    await insert(
      schema,
      [4, 5].map((i) => ({ key: 'k', value: `second:${i}` })),
    );
    await waitFor(
      () => pending(schema),
      (n) => n === 0,
      { timeoutMs: 10_000, what: 'second rows' },
    );
    expect(standbyOut.records.map((r) => r.value)).toEqual(['second:4', 'second:5']);
    expect(leaderOut.records).toHaveLength(3);
  });

  it('keeps a standby relay idle between leadership polls, even when rows are written', async () => {
    const schema = await newSchema();
    const leader = newRelay(schema, new RecordingPublisher(), { pollIntervalMs: 5_000 });
    leader.start();
    await waitFor(() => leader.isLeader, Boolean, { timeoutMs: 10_000, what: 'leadership' });
    const standby = newRelay(schema, new RecordingPublisher(), { pollIntervalMs: 5_000 });
    standby.start();
    // The standby's backend: the relay connection that does not hold the leadership lock.
    const standbyQueryStart = async () => {
      const { rows } = await pool.query<{ started: string }>(
        `SELECT query_start::text AS started FROM pg_stat_activity
         WHERE application_name = $1
           AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        [`outbox-relay:${schema}`],
      );
      return rows.map((r) => r.started);
    };
    await waitFor(standbyQueryStart, (s) => s.length === 1, {
      timeoutMs: 10_000,
      what: 'the standby to connect',
    });
    await insert(schema, [{ key: 'k', value: 'wake everyone' }]); // NOTIFY reaches the standby too
    await waitFor(
      () => pending(schema),
      (n) => n === 0,
      { timeoutMs: 10_000, what: 'the row' },
    );
    await sleep(300);
    const first = await standbyQueryStart();
    await sleep(1_000);
    // Its next leadership attempt is 5 s away: its connection has run no query meanwhile.
    expect(await standbyQueryStart()).toEqual(first);
    expect(standby.isLeader).toBe(false);
  });

  it('leaves rows in place on publisher failure, records attempts and error, backs off, then publishes', async () => {
    const schema = await newSchema();
    const publisher = new RecordingPublisher();
    publisher.failure = new Error('broker unavailable');
    const relay = newRelay(schema, publisher, { pollIntervalMs: 100, maxBackoffMs: 5_000 });
    relay.start();
    await waitFor(() => relay.isLeader, Boolean, { timeoutMs: 10_000, what: 'leadership' });

    await insert(
      schema,
      [1, 2, 3].map((i) => ({ key: 'k', value: `v${i}` })),
    );
    await waitFor(
      () => outboxRows(pool, schema),
      (rows) => rows.every((r) => r.attempts >= 2),
      { timeoutMs: 10_000, what: 'two failed attempts on every row' },
    );
    const rows = await outboxRows(pool, schema);
    expect(rows.map((r) => r.payload)).toEqual(['v1', 'v2', 'v3']);
    for (const row of rows) expect(row.last_error).toContain('broker unavailable');
    expect(relay.publishedCount).toBe(0);
    expect(await relay.backlog()).toMatchObject({ pending: 3 });

    // Writers keep committing (and notifying) during the outage: the relay still backs off
    // (200 ms, 400 ms, 800 ms, … capped) instead of retrying at every NOTIFY.
    const callsBefore = publisher.calls;
    const started = Date.now();
    while (Date.now() - started < 1_500) {
      await insert(schema, [{ key: 'k', value: 'during outage' }]);
      await sleep(15);
    }
    expect(publisher.calls - callsBefore).toBeLessThanOrEqual(6);

    publisher.failure = null;
    await waitFor(
      () => pending(schema),
      (n) => n === 0,
      { timeoutMs: 15_000, what: 'recovery' },
    );
    expect(publisher.records.slice(0, 3).map((r) => r.value)).toEqual(['v1', 'v2', 'v3']);
    expect(publisher.records.slice(3).every((r) => r.value === 'during outage')).toBe(true);
    expect(relay.publishedCount).toBe(publisher.records.length);
  });

  it('reports the backlog: pending rows and the age of the oldest', async () => {
    const schema = await newSchema();
    const relay = newRelay(schema); // not started: backlog() is a plain query
    expect(await relay.backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
    await insert(
      schema,
      [1, 2, 3, 4].map((i) => ({ key: 'k', value: `v${i}` })),
    );
    await pool.query(
      `UPDATE "${schema}"."outbox" SET "created_at" = now() - interval '90 seconds'
       WHERE "id" = (SELECT min("id") FROM "${schema}"."outbox")`,
    );
    const backlog = await relay.backlog();
    expect(backlog.pending).toBe(4);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(backlog.oldestAgeSeconds).toBeLessThan(150);
  });

  it('works for a schema with a maximum-length (63 character) name, NOTIFY included', async () => {
    const base = `long_${run}_`;
    const schema = await newSchema(base + 'x'.repeat(63 - base.length));
    expect(schema).toHaveLength(63);
    const publisher = new RecordingPublisher();
    const relay = newRelay(schema, publisher, { pollIntervalMs: 10_000 });
    relay.start();
    await waitFor(() => relay.isLeader, Boolean, { timeoutMs: 10_000, what: 'leadership' });
    await sleep(200);
    const started = Date.now();
    await insert(schema, [{ key: 'k', value: 'long' }]);
    await waitFor(
      () => publisher.records.length,
      (n) => n === 1,
      {
        timeoutMs: 5_000,
        what: 'the row to be published',
      },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
