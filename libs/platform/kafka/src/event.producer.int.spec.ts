import { Kafka, logLevel, type Producer, type ProducerConfig } from 'kafkajs';
import { EventProducer, type OutgoingRecord } from './event.producer';
import { KafkaPlatform } from './kafka.platform';
import { silentKafkaLogger } from './kafka.settings';
import { readTopic } from './topic.reader';
import { kafkaBrokers, runId, testSettings } from './testing/kafka.fixture';

/** A real kafkajs client that lets the test watch the producers it creates (request events). */
class ObservedKafka extends Kafka {
  readonly producers: Producer[] = [];

  override producer(config?: ProducerConfig): Producer {
    const producer = super.producer(config);
    this.producers.push(producer);
    return producer;
  }
}

describe('EventProducer (real Kafka)', () => {
  const run = runId();
  const topicA = `voltlane-it.producer-${run}.a`;
  const topicB = `voltlane-it.producer-${run}.b`;
  let platform: KafkaPlatform;
  let kafka: ObservedKafka;
  let producer: EventProducer;
  let produceRequests = 0;

  const record = (topic: string, key: string, seq: number): OutgoingRecord => ({
    topic,
    key,
    value: `${key}:${seq}`,
    headers: { seq: String(seq) },
  });

  beforeAll(async () => {
    platform = new KafkaPlatform(testSettings(`producer-admin-${run}`), silentKafkaLogger);
    await platform.start(
      [],
      [
        { topic: topicA, numPartitions: 3 },
        { topic: topicB, numPartitions: 2 },
      ],
    );
    kafka = new ObservedKafka({
      clientId: `producer-it-${run}`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    producer = new EventProducer(kafka, silentKafkaLogger);
    const [observed] = kafka.producers;
    observed.on(observed.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Produce') produceRequests += 1;
    });
    await producer.connect();
    expect(producer.isConnected).toBe(true);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await platform?.disconnect();
  });

  it('coalesces concurrent sends into few requests and keeps FIFO order per key', async () => {
    const keys = ['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => `${k}-${run}`);
    const perKey = 60;
    const calls: Promise<void>[] = [];
    const before = produceRequests;
    for (let seq = 0; seq < perKey; seq++) {
      for (const key of keys) calls.push(producer.send([record(topicA, key, seq)]));
    }
    await Promise.all(calls);
    const requests = produceRequests - before;
    // 300 sends: the first goes alone, the rest ride in the batches that follow (one in flight).
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(20);

    const records = await readTopic(kafka, topicA, {
      maxRecords: keys.length * perKey,
      timeoutMs: 20_000,
    });
    expect(records).toHaveLength(keys.length * perKey);
    for (const key of keys) {
      const mine = records
        .filter((r) => r.key === key)
        .sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map((r) => r.headers.seq)).toEqual(
        Array.from({ length: perKey }, (_, i) => String(i)),
      );
    }
  });

  it('sends one call spanning two topics with the order of each kept', async () => {
    const key = `mixed-${run}`;
    await producer.send([
      record(topicB, key, 0),
      record(topicA, key, 100),
      record(topicB, key, 1),
      record(topicA, key, 101),
      record(topicB, key, 2),
    ]);
    const fromB = await readTopic(kafka, topicB, { maxRecords: 3, timeoutMs: 20_000 });
    expect(fromB.map((r) => r.value?.toString())).toEqual([`${key}:0`, `${key}:1`, `${key}:2`]);
  });

  it('resolves an empty send at once', async () => {
    const before = produceRequests;
    await producer.send([]);
    expect(produceRequests).toBe(before);
  });

  it('flushes queued sends before disconnecting', async () => {
    const extra = new EventProducer(kafka, silentKafkaLogger);
    await extra.connect();
    const key = `flush-${run}`;
    let acknowledged = 0;
    const sends = [0, 1, 2].map((i) =>
      extra.send([record(topicB, key, 10 + i)]).then(() => {
        acknowledged += 1;
      }),
    );
    await extra.disconnect();
    expect(acknowledged).toBe(3);
    await Promise.all(sends);
    expect(extra.isConnected).toBe(false);
  });
});
