import { randomInt, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createEnvelope, dlqTopic, keyOf, toHeaders } from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger, DeadLetterHeaders } from '@voltlane/platform-kafka';
import { createServiceDataSource, OutboxWriter } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { PROBE_POISON_AMOUNT, PROBE_TOPIC } from '../probe/probe.schema';
import { ProbeProcess } from '../probe/probe.process';
import { waitFor } from './wait-for';

/**
 * The backbone's promises on a real broker and a real database, with the services as real
 * processes: outbox → relay → Kafka → idempotent consumer applies every event exactly once by effect,
 * through a SIGKILL mid-batch, duplicate deliveries and poison messages.
 */
const brokers = () => process.env.KAFKA_BROKERS as string;
const databaseUrl = () => process.env.DATABASE_URL as string;
const run = randomUUID().slice(0, 8);
const producerSchema = `probe_p_${run}`;
const consumerSchema = `probe_c_${run}`;

interface LedgerRow {
  probe_key: string;
  applied_count: number;
  amount_sum: string;
  last_sequence: number;
  out_of_order: number;
}

describe('event backbone (real Kafka + PostgreSQL, services as processes)', () => {
  let pool: Pool;
  let producerDb: DataSource;
  let outbox: OutboxWriter;
  let kafka: KafkaPlatform;
  let producer: ProbeProcess;
  let consumer: ProbeProcess;

  const consumerOptions = () => ({
    role: 'consumer' as const,
    schema: consumerSchema,
    serviceName: `probe-consumer-${run}`,
    kafkaBrokers: brokers(),
    databaseUrl: databaseUrl(),
    applyDelayMs: 25,
    eventsPerCall: 50,
  });

  /** Writes events through the producer service's outbox, `perTx` events per transaction. */
  async function writeThroughOutbox(
    events: { probeKey: string; sequence: number; amount: number }[],
    perTx = 100,
  ): Promise<void> {
    for (let i = 0; i < events.length; i += perTx) {
      await producerDb.transaction((manager) =>
        outbox.append(
          manager,
          events.slice(i, i + perTx).map((data) => ({
            topic: PROBE_TOPIC,
            data: { ...data, sentAt: new Date().toISOString() },
            correlationId: `test-${run}`,
            causationId: null,
          })),
        ),
      );
    }
  }

  async function ledger(prefix: string): Promise<Map<string, LedgerRow>> {
    const { rows } = await pool.query<LedgerRow>(
      `SELECT * FROM "${consumerSchema}"."probe_ledger" WHERE probe_key LIKE $1`,
      [`${prefix}%`],
    );
    return new Map(rows.map((r) => [r.probe_key, r]));
  }

  async function appliedCount(prefix: string): Promise<number> {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${consumerSchema}"."probe_applied" WHERE probe_key LIKE $1`,
      [`${prefix}%`],
    );
    return Number(rows[0].n);
  }

  function probeRecord(
    data: { probeKey: string; sequence: number; amount: number },
    eventId?: string,
  ) {
    const envelope = createEnvelope(PROBE_TOPIC, data, {
      producer: 'platform-probe',
      correlationId: `test-${run}`,
      causationId: null,
      eventId,
    });
    return {
      topic: PROBE_TOPIC,
      key: keyOf(PROBE_TOPIC, data),
      value: JSON.stringify(envelope),
      headers: toHeaders(envelope),
    };
  }

  beforeAll(async () => {
    pool = new Pool({ connectionString: databaseUrl(), max: 3 });
    kafka = new KafkaPlatform(
      { brokers: brokers().split(','), clientId: `backbone-test-${run}`, defaultPartitions: 3 },
      silentKafkaLogger,
    );
    producer = new ProbeProcess({
      role: 'producer',
      schema: producerSchema,
      serviceName: `probe-producer-${run}`,
      kafkaBrokers: brokers(),
      databaseUrl: databaseUrl(),
    });
    await producer.start(); // also migrates the producer schema and provisions the topic + DLQ
    await kafka.start();
    consumer = new ProbeProcess(consumerOptions());
    await consumer.start();
    producerDb = createServiceDataSource({
      url: databaseUrl(),
      schema: producerSchema,
      applicationName: 'backbone-test',
    });
    await producerDb.initialize();
    outbox = new OutboxWriter(producerSchema, 'platform-probe');
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.stop();
    await kafka?.disconnect();
    await producerDb?.destroy();
    await pool?.end();
  });

  it('applies every outbox event exactly once, in per-key order, across a consumer SIGKILL mid-batch', async () => {
    const prefix = `kill-${run}-`;
    const keys = Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
    const perKey = 150;
    const events = keys.flatMap((probeKey) =>
      Array.from({ length: perKey }, (_, sequence) => ({
        probeKey,
        sequence,
        amount: randomInt(1, 1000),
      })),
    );
    const expectedSum = new Map<string, number>();
    for (const e of events)
      expectedSum.set(e.probeKey, (expectedSum.get(e.probeKey) ?? 0) + e.amount);
    // Interleave keys the way concurrent stations would.
    events.sort((a, b) => a.sequence - b.sequence);

    await writeThroughOutbox(events);
    await waitFor(
      () => appliedCount(prefix),
      (n) => n >= 600,
      {
        timeoutMs: 60_000,
        what: 'the consumer to be part-way through',
      },
    );
    const killedAt = await appliedCount(prefix);
    expect(await consumer.stop('SIGKILL')).toBeNull(); // killed by the signal, not a clean exit
    expect(killedAt).toBeLessThan(events.length);

    consumer = new ProbeProcess(consumerOptions());
    await consumer.start();
    await waitFor(
      () => appliedCount(prefix),
      (n) => n >= events.length,
      {
        timeoutMs: 120_000,
        what: 'every event to be applied after the restart',
      },
    );
    await new Promise((r) => setTimeout(r, 1_000)); // anything redelivered late would show now

    expect(await appliedCount(prefix)).toBe(events.length);
    const rows = await ledger(prefix);
    expect(rows.size).toBe(keys.length);
    for (const key of keys) {
      const row = rows.get(key);
      expect(row?.applied_count).toBe(perKey);
      expect(Number(row?.amount_sum)).toBe(expectedSum.get(key));
      expect(row?.last_sequence).toBe(perKey - 1);
      expect(row?.out_of_order).toBe(0);
    }
    const { rows: left } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${producerSchema}"."outbox"`,
    );
    expect(Number(left[0].n)).toBe(0);
  });

  it('applies an event delivered twice only once (same batch and a later redelivery)', async () => {
    const prefix = `dup-${run}-`;
    const probeKey = `${prefix}a`;
    const first = probeRecord({ probeKey, sequence: 0, amount: 7 });
    // The same message twice in one batch, then again after it was applied.
    await kafka.producer.send([first, first]);
    await waitFor(
      () => appliedCount(prefix),
      (n) => n >= 1,
      { timeoutMs: 30_000, what: 'first delivery' },
    );
    await kafka.producer.send([first]);
    // A marker after the redelivery on the same key (same partition, so it is consumed after it).
    await kafka.producer.send([probeRecord({ probeKey, sequence: 1, amount: 100 })]);
    await waitFor(
      () => appliedCount(prefix),
      (n) => n >= 2,
      { timeoutMs: 30_000, what: 'the marker' },
    );

    const row = (await ledger(prefix)).get(probeKey);
    expect(row?.applied_count).toBe(2);
    expect(Number(row?.amount_sum)).toBe(107);
    expect(row?.out_of_order).toBe(0);
  });

  it('dead-letters poison messages with the error in headers and keeps the partition flowing', async () => {
    const prefix = `poison-${run}-`;
    const probeKey = `${prefix}k`;
    const garbage = {
      topic: PROBE_TOPIC,
      key: probeKey,
      value: '{not json',
      headers: { 'x-test': run },
    };
    const invalid = {
      ...probeRecord({ probeKey, sequence: 0, amount: 1 }),
      value: JSON.stringify({ eventId: 'nope', data: { probeKey } }),
    };
    const refused = probeRecord({ probeKey, sequence: 0, amount: PROBE_POISON_AMOUNT });
    const good = Array.from({ length: 10 }, (_, i) =>
      probeRecord({ probeKey, sequence: i + 1, amount: 5 }),
    );
    await kafka.producer.send([garbage, invalid, refused, ...good]);

    await waitFor(
      () => appliedCount(prefix),
      (n) => n >= 10,
      {
        timeoutMs: 60_000,
        what: 'the good messages behind the poison ones',
      },
    );
    const row = (await ledger(prefix)).get(probeKey);
    expect(row?.applied_count).toBe(10);
    expect(Number(row?.amount_sum)).toBe(50);

    const dead = await waitFor(
      async () =>
        (
          await kafka.readRaw(dlqTopic(PROBE_TOPIC), { maxRecords: 1_000, timeoutMs: 3_000 })
        ).filter((r) => r.key === probeKey),
      (records) => records.length >= 3,
      { timeoutMs: 60_000, intervalMs: 500, what: 'three dead letters' },
    );
    expect(dead).toHaveLength(3);
    const byValue = new Map(dead.map((r) => [r.value?.toString(), r]));
    const garbageDl = byValue.get('{not json');
    expect(garbageDl?.headers[DeadLetterHeaders.error]).toMatch(/not JSON/);
    expect(garbageDl?.headers['x-test']).toBe(run);
    expect(byValue.get(invalid.value)?.headers[DeadLetterHeaders.error]).toMatch(/invalid event/);
    const refusedDl = byValue.get(refused.value);
    expect(refusedDl?.headers[DeadLetterHeaders.errorCode]).toBe('PROBE.POISON');
    expect(Number(refusedDl?.headers[DeadLetterHeaders.attempts])).toBe(3);
    for (const r of dead) {
      expect(r.headers[DeadLetterHeaders.originalTopic]).toBe(PROBE_TOPIC);
      expect(r.headers[DeadLetterHeaders.consumerGroup]).toBe(`probe-consumer-${run}`);
    }
  });
});
