import type { Admin, Kafka } from 'kafkajs';
import { DeadLetterHeaders, dlqTopic } from '@voltlane/contracts-events';
import type { ConsumerRunner, ConsumerRunnerOptions, InboundEvent } from './consumer.runner';
import { createKafkaClient } from './kafka-client.factory';
import { KafkaPlatform } from './kafka.platform';
import { silentKafkaLogger } from './kafka.settings';
import {
  PROBE_TOPIC,
  PROBE_TOPIC_PARTITIONS,
  probeRecord,
  runId,
  sleep,
  testSettings,
  waitFor,
} from './testing/kafka.fixture';

class TransientTestError extends Error {
  readonly code = 'TEST.TRANSIENT';
}

class PermanentTestError extends Error {
  readonly code = 'TEST.PERMANENT';
  constructor(message: string) {
    super(message);
    this.name = 'PermanentTestError';
  }
}

const sequenceOf = (e: InboundEvent) => (e.envelope.data as { sequence: number }).sequence;

/**
 * ConsumerRunner on a real broker, on the probe topic (the runner validates every message against
 * the event contracts, so it only consumes catalogue topics). Other test files may use that topic
 * at the same time: every consumer group here starts at the topic's current end and handlers only
 * look at this file's keys.
 */
describe('ConsumerRunner (real Kafka)', () => {
  const run = runId();
  let platform: KafkaPlatform;
  let kafka: Kafka;
  let admin: Admin;
  const runners: ConsumerRunner[] = [];

  const mine = (key: string) => (events: InboundEvent[]) => events.filter((e) => e.key === key);

  function runner(
    options: Omit<ConsumerRunnerOptions, 'topics' | 'isTransient'> & Partial<ConsumerRunnerOptions>,
  ) {
    const r = platform.createConsumer({
      topics: [PROBE_TOPIC],
      isTransient: (err) => err instanceof TransientTestError,
      backoff: { initialMs: 20, maxMs: 100 },
      sessionTimeoutMs: 10_000,
      ...options,
    });
    runners.push(r);
    return r;
  }

  /**
   * A consumer group that starts at the topic's current end (not at other tests' history): joins it
   * once with a plain consumer and commits the high watermarks. (`admin.setOffsets` does the same
   * but waits out a 5 s fetch.)
   */
  async function groupAtEnd(name: string): Promise<string> {
    const groupId = `runner-it-${run}-${name}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [PROBE_TOPIC] });
      await consumer.run({ autoCommit: false, eachBatch: async () => undefined }); // joined
      consumer.pause([{ topic: PROBE_TOPIC }]);
      const offsets = await admin.fetchTopicOffsets(PROBE_TOPIC);
      await consumer.commitOffsets(
        offsets.map((o) => ({ topic: PROBE_TOPIC, partition: o.partition, offset: o.high })),
      );
    } finally {
      await consumer.disconnect();
    }
    return groupId;
  }

  async function committed(groupId: string, partition: number): Promise<string | undefined> {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [PROBE_TOPIC] });
    return topic.partitions.find((p) => p.partition === partition)?.offset;
  }

  const next = (offset: string | undefined) => (BigInt(offset ?? '-2') + 1n).toString();

  beforeAll(async () => {
    platform = new KafkaPlatform(
      testSettings(`runner-it-${run}`, PROBE_TOPIC_PARTITIONS),
      silentKafkaLogger,
    );
    await platform.start([PROBE_TOPIC]); // the topic and its DLQ
    kafka = createKafkaClient(testSettings(`runner-admin-${run}`), silentKafkaLogger);
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await platform?.disconnect();
    await admin?.disconnect();
  });

  it('commits only after success; a restarted runner resumes after the last commit, losing nothing', async () => {
    const groupId = await groupAtEnd('resume');
    const key = `runner-${run}-resume`;
    const offsets = new Map<number, string>();
    let partition = -1;
    const firstApplied: number[] = [];
    let blockedCalls = 0;

    const first = runner({
      groupId,
      handler: async (events) => {
        const own = mine(key)(events);
        // All or nothing, like a DB transaction: from sequence 10 on, "the database is down".
        if (own.some((e) => sequenceOf(e) >= 10)) {
          blockedCalls += 1;
          throw new TransientTestError('database unavailable');
        }
        for (const e of own) {
          firstApplied.push(sequenceOf(e));
          offsets.set(sequenceOf(e), e.offset);
          partition = e.partition;
        }
      },
    });
    await first.start();
    await platform.producer.send(Array.from({ length: 20 }, (_, i) => probeRecord(key, i)));

    await waitFor(
      () => blockedCalls,
      (n) => n >= 4,
      {
        timeoutMs: 30_000,
        what: 'the runner to retry the blocked event',
      },
    );
    expect(firstApplied).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The failing event is not committed: the group's position is right after sequence 9.
    expect(await committed(groupId, partition)).toBe(next(offsets.get(9)));
    expect(first.stats.retries).toBeGreaterThanOrEqual(3);

    await first.stop(); // interrupts the retry loop
    expect(await committed(groupId, partition)).toBe(next(offsets.get(9)));

    const secondApplied: number[] = [];
    const second = runner({
      groupId,
      handler: async (events) => {
        for (const e of mine(key)(events)) {
          secondApplied.push(sequenceOf(e));
          offsets.set(sequenceOf(e), e.offset);
        }
      },
    });
    await second.start();
    await waitFor(
      () => secondApplied.length,
      (n) => n >= 10,
      {
        timeoutMs: 30_000,
        what: 'the second runner to apply the rest',
      },
    );
    expect(secondApplied).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    await waitFor(
      () => committed(groupId, partition),
      (o) => o === next(offsets.get(19)),
      {
        timeoutMs: 10_000,
        what: 'the last commit',
      },
    );
  });

  it('stop() lets the in-flight call finish and commits it, so the next runner does not redo it', async () => {
    const groupId = await groupAtEnd('stop');
    const key = `runner-${run}-stop`;
    const seen: number[] = [];
    let partition = -1;
    let firstOffset = '';
    let entered: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve;
    });

    const first = runner({
      groupId,
      maxEventsPerCall: 1,
      handler: async (events) => {
        const own = mine(key)(events);
        if (own.length === 0) return;
        entered();
        await sleep(800);
        for (const e of own) {
          seen.push(sequenceOf(e));
          partition = e.partition;
          if (sequenceOf(e) === 0) firstOffset = e.offset;
        }
      },
    });
    await first.start();
    await platform.producer.send([0, 1, 2].map((i) => probeRecord(key, i)));
    await inFlight;
    await first.stop();

    expect(seen).toEqual([0]);
    expect(await committed(groupId, partition)).toBe(next(firstOffset));

    const again: number[] = [];
    const second = runner({
      groupId,
      handler: async (events) => {
        again.push(...mine(key)(events).map(sequenceOf));
      },
    });
    await second.start();
    await waitFor(
      () => again.length,
      (n) => n >= 2,
      { timeoutMs: 30_000, what: 'the rest' },
    );
    await sleep(200);
    expect(again).toEqual([1, 2]);
  });

  it('retries a transient failure until it passes (never dead-letters it) and dead-letters a permanent one after maxAttempts, with the partition flowing on', async () => {
    const groupId = await groupAtEnd('failures');
    const transientKey = `runner-${run}-transient`;
    const permanentKey = `runner-${run}-permanent`;
    const transientRecords = [0, 1].map((i) => probeRecord(transientKey, i));
    const permanentRecords = [0, 1, 2].map((i) => probeRecord(permanentKey, i));
    const poisonId = permanentRecords[0].eventId;
    const applied: string[] = [];
    let transientFailuresLeft = 5;
    let poisonCalls = 0;
    let poison: InboundEvent | undefined;

    const consumer = runner({
      groupId,
      maxAttempts: 2,
      handler: async (events) => {
        const own = events.filter((e) => e.key === transientKey || e.key === permanentKey);
        for (const e of own) {
          if (e.envelope.eventId === transientRecords[0].eventId && transientFailuresLeft > 0) {
            transientFailuresLeft -= 1;
            throw new TransientTestError('lock timeout');
          }
          if (e.envelope.eventId === poisonId) {
            if (events.length === 1) poisonCalls += 1;
            poison = e;
            throw new PermanentTestError(`cannot apply ${e.envelope.eventId}`);
          }
        }
        applied.push(...own.map((e) => `${e.key === transientKey ? 'T' : 'P'}${sequenceOf(e)}`));
      },
    });
    await consumer.start();
    await platform.producer.send([...transientRecords, ...permanentRecords]);

    await waitFor(
      () => applied.length,
      (n) => n >= 4,
      {
        timeoutMs: 30_000,
        what: 'every good event to be applied',
      },
    );
    expect(applied.filter((a) => a.startsWith('T'))).toEqual(['T0', 'T1']);
    expect(applied.filter((a) => a.startsWith('P'))).toEqual(['P1', 'P2']);
    expect(transientFailuresLeft).toBe(0); // failed 5 times with maxAttempts 2, still applied
    // maxAttempts calls for the event alone (one more if it also arrived alone as a chunk).
    expect(poisonCalls).toBeGreaterThanOrEqual(2);
    expect(poisonCalls).toBeLessThanOrEqual(3);

    const dead = await waitFor(
      async () =>
        (
          await platform.readRaw(dlqTopic(PROBE_TOPIC), { maxRecords: 1_000_000, timeoutMs: 2_000 })
        ).filter((r) => r.headers[DeadLetterHeaders.consumerGroup] === groupId),
      (records) => records.length >= 1,
      { timeoutMs: 30_000, intervalMs: 100, what: 'the dead letter' },
    );
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter.key).toBe(permanentKey);
    expect(letter.value?.toString()).toBe(permanentRecords[0].value);
    expect(letter.headers).toMatchObject({
      ...permanentRecords[0].headers,
      [DeadLetterHeaders.error]: `PermanentTestError: cannot apply ${poisonId}`,
      [DeadLetterHeaders.errorCode]: 'TEST.PERMANENT',
      [DeadLetterHeaders.originalTopic]: PROBE_TOPIC,
      [DeadLetterHeaders.originalPartition]: String(poison?.partition),
      [DeadLetterHeaders.originalOffset]: poison?.offset,
      [DeadLetterHeaders.consumerGroup]: groupId,
      [DeadLetterHeaders.attempts]: '2',
    });
    expect(Date.parse(letter.headers[DeadLetterHeaders.failedAt])).not.toBeNaN();
    expect(consumer.stats.retries).toBeGreaterThanOrEqual(4);
  });
});
