import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@voltlane/contracts-events';
import { createServiceDataSource } from './data-source.factory';
import { type EnvelopedEvent, IdempotentEventProcessor } from './idempotent-event.processor';
import { InvalidOutgoingEventError, OutboxWriter } from './outbox.writer';
import {
  createPlatformSchema,
  databaseUrl,
  dropSchema,
  outboxRows,
  PROBE_TOPIC,
  uniqueSchema,
} from './testing/platform-schema.fixture';

interface TestEvent extends EnvelopedEvent {
  note: string;
}

/** The inbox on a real PostgreSQL: one effect per event id and consumer group, all or nothing. */
describe('IdempotentEventProcessor (real PostgreSQL)', () => {
  const schema = uniqueSchema('inbox');
  const run = randomUUID().slice(0, 8);
  const group = `inbox-it-${run}`;
  let pool: Pool;
  let ds: DataSource;
  let processor: IdempotentEventProcessor;

  const event = (note: string, eventId: string = randomUUID()): TestEvent => ({
    envelope: { eventId, correlationId: `flow-${note}` },
    note,
  });

  const record = (manager: EntityManager, e: TestEvent) =>
    manager.query(`INSERT INTO "${schema}"."applied_log" ("event_id", "note") VALUES ($1, $2)`, [
      e.envelope.eventId,
      e.note,
    ]);

  const applied = async () =>
    (
      await pool.query<{ note: string }>(
        `SELECT "note" FROM "${schema}"."applied_log" ORDER BY "seq"`,
      )
    ).rows.map((r) => r.note);

  const inbox = async (consumerGroup = group) =>
    (
      await pool.query<{ event_id: string }>(
        `SELECT "event_id" FROM "${schema}"."processed_events" WHERE "consumer_group" = $1`,
        [consumerGroup],
      )
    ).rows.map((r) => r.event_id);

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 3 });
    await createPlatformSchema(pool, schema);
    await pool.query(`CREATE TABLE "${schema}"."applied_log" (
      "seq" bigserial PRIMARY KEY, "event_id" uuid NOT NULL, "note" text NOT NULL)`);
    ds = createServiceDataSource({
      url: databaseUrl(),
      schema,
      applicationName: group,
      poolSize: 4,
    });
    await ds.initialize();
    processor = new IdempotentEventProcessor(
      ds,
      schema,
      group,
      new OutboxWriter(schema, 'platform-probe'),
    );
  });

  afterEach(async () => {
    await pool.query(
      `TRUNCATE "${schema}"."applied_log", "${schema}"."processed_events", "${schema}"."outbox"`,
    );
  });

  afterAll(async () => {
    await ds?.destroy();
    if (pool) await dropSchema(pool, schema);
    await pool?.end();
  });

  it('applies an event once: duplicates inside one call and across calls are skipped', async () => {
    const [a, b, c] = [event('a'), event('b'), event('c')];
    const handle = processor.handler<TestEvent>((e, scope) => record(scope.manager, e));

    await handle([a, b, a]);
    expect(await applied()).toEqual(['a', 'b']);
    await handle([b, c, a]);
    expect(await applied()).toEqual(['a', 'b', 'c']);
    // The same id in upper case is the same event (uuids compare case-insensitively).
    await handle([event('c again', c.envelope.eventId.toUpperCase())]);
    expect(await applied()).toEqual(['a', 'b', 'c']);
    expect((await inbox()).sort()).toEqual([a, b, c].map((e) => e.envelope.eventId).sort());
  });

  it('returns how many events were new and hands only those to a batch handler, in order', async () => {
    const [a, b, c] = [event('a'), event('b'), event('c')];
    const seen: string[][] = [];
    const apply = async (events: TestEvent[]) => {
      seen.push(events.map((e) => e.note));
    };
    expect(await processor.process([a, b], apply)).toBe(2);
    expect(await processor.process([b, c, b, a], apply)).toBe(1);
    expect(await processor.process([c], apply)).toBe(0);
    expect(await processor.process([], apply)).toBe(0);
    expect(seen).toEqual([['a', 'b'], ['c']]);
  });

  it('keeps consumer groups apart: another group applies the same event again', async () => {
    const other = new IdempotentEventProcessor(
      ds,
      schema,
      `${group}-other`,
      new OutboxWriter(schema, 'platform-probe'),
    );
    const a = event('a');
    await processor.handler<TestEvent>((e, s) => record(s.manager, e))([a]);
    await other.handler<TestEvent>((e, s) => record(s.manager, { ...e, note: 'other' }))([a]);
    expect(await applied()).toEqual(['a', 'other']);
    expect(await inbox(`${group}-other`)).toEqual([a.envelope.eventId]);
  });

  it('rolls back inbox rows, state and outgoing events when apply throws, so a retry applies it', async () => {
    const [a, b] = [event('a'), event('b')];
    let failOn: string | null = 'b';
    const handle = processor.handler<TestEvent>(async (e, scope) => {
      await record(scope.manager, e);
      scope.publish(PROBE_TOPIC, { probeKey: `key-${e.note}`, sequence: 0, amount: 1 });
      if (e.note === failOn) throw new Error(`cannot apply ${e.note}`);
    });

    await expect(handle([a, b])).rejects.toThrow('cannot apply b');
    expect(await applied()).toEqual([]);
    expect(await inbox()).toEqual([]);
    expect(await outboxRows(pool, schema)).toEqual([]);

    failOn = null;
    await handle([a, b]);
    expect(await applied()).toEqual(['a', 'b']);
    expect((await outboxRows(pool, schema)).map((r) => r.message_key)).toEqual(['key-a', 'key-b']);
  });

  it('rolls everything back when an outgoing event breaks its contract', async () => {
    const handle = processor.handler<TestEvent>(async (e, scope) => {
      await record(scope.manager, e);
      scope.publish(PROBE_TOPIC, { probeKey: 'k', sequence: 'not a number', amount: 1 });
    });
    await expect(handle([event('a')])).rejects.toBeInstanceOf(InvalidOutgoingEventError);
    expect(await applied()).toEqual([]);
    expect(await inbox()).toEqual([]);
  });

  it('gives outgoing events the correlation of the consumed event and its id as causation', async () => {
    const a = event('a');
    const fixedId = randomUUID();
    await processor.handler<TestEvent>(async (_e, scope) => {
      scope.publish(PROBE_TOPIC, { probeKey: 'derived', sequence: 0, amount: 1 });
      scope.publish(
        PROBE_TOPIC,
        { probeKey: 'explicit', sequence: 1, amount: 1 },
        { correlationId: 'other-flow', causationId: 'request-42', eventId: fixedId },
      );
      scope.publish(
        PROBE_TOPIC,
        { probeKey: 'root', sequence: 2, amount: 1 },
        { correlationId: 'new-flow', causationId: null },
      );
    })([a]);

    const envelopes = (await outboxRows(pool, schema)).map(
      (r) => JSON.parse(r.payload) as EventEnvelope,
    );
    expect(envelopes.map((e) => [e.correlationId, e.causationId])).toEqual([
      ['flow-a', a.envelope.eventId],
      ['other-flow', 'request-42'],
      ['new-flow', null],
    ]);
    expect(envelopes[1].eventId).toBe(fixedId);
    expect(envelopes.every((e) => e.producer === 'platform-probe')).toBe(true);
  });

  it('lets a batch handler publish with explicit correlation and causation', async () => {
    const [a, b] = [event('a'), event('b')];
    await processor.batchHandler<TestEvent>(async (events, scope) => {
      for (const e of events) {
        scope.publish(
          PROBE_TOPIC,
          { probeKey: `batch-${e.note}`, sequence: 0, amount: 1 },
          { correlationId: e.envelope.correlationId, causationId: e.envelope.eventId },
        );
      }
    })([a, b, a]);
    const envelopes = (await outboxRows(pool, schema)).map(
      (r) => JSON.parse(r.payload) as EventEnvelope,
    );
    expect(envelopes.map((e) => e.causationId)).toEqual([a.envelope.eventId, b.envelope.eventId]);
  });

  it('prunes only its own inbox rows older than the dedup window', async () => {
    const [old1, old2, fresh] = [event('old1'), event('old2'), event('fresh')];
    await processor.process([old1, old2, fresh], async () => undefined);
    const other = new IdempotentEventProcessor(
      ds,
      schema,
      `${group}-other`,
      new OutboxWriter(schema, 'platform-probe'),
    );
    await other.process([old1], async () => undefined);
    await pool.query(
      `UPDATE "${schema}"."processed_events" SET "processed_at" = now() - interval '10 days'
       WHERE "event_id" = ANY($1::uuid[])`,
      [[old1.envelope.eventId, old2.envelope.eventId]],
    );

    expect(await processor.prune(7)).toBe(2);
    expect(await inbox()).toEqual([fresh.envelope.eventId]);
    expect(await inbox(`${group}-other`)).toEqual([old1.envelope.eventId]);
    expect(await processor.prune(7)).toBe(0);
    // A pruned id is outside the window: a (very late) redelivery would be applied again.
    expect(await processor.process([old1], async () => undefined)).toBe(1);
  });
});
