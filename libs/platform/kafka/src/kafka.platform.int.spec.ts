import { createServer } from 'node:net';
import type { Admin } from 'kafkajs';
import { dlqTopic } from '@voltlane/contracts-events';
import { createKafkaClient } from './kafka-client.factory';
import { KafkaPlatform } from './kafka.platform';
import { silentKafkaLogger } from './kafka.settings';
import { runId, testSettings } from './testing/kafka.fixture';

/** A port nothing listens on: bind an ephemeral port, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('KafkaPlatform (real Kafka)', () => {
  const run = runId();
  const platforms: KafkaPlatform[] = [];
  let admin: Admin;

  const platform = (settings = testSettings(`platform-it-${run}`, 2)) => {
    const p = new KafkaPlatform(settings, silentKafkaLogger);
    platforms.push(p);
    return p;
  };

  beforeAll(async () => {
    admin = createKafkaClient(testSettings(`platform-admin-${run}`), silentKafkaLogger).admin();
    await admin.connect();
  });

  afterAll(async () => {
    for (const p of platforms) await p.disconnect();
    await admin?.disconnect();
  });

  it('start() provisions the topics with their DLQs and the extra specs, then connects the producer', async () => {
    const [a, b, extra] = ['a', 'b', 'extra'].map((n) => `voltlane-it.platform-${run}.${n}`);
    const kafka = platform();
    await kafka.start([a, b], [{ topic: extra, numPartitions: 1 }]);
    const { topics } = await admin.fetchTopicMetadata({
      topics: [a, dlqTopic(a), b, dlqTopic(b), extra],
    });
    expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
      [a]: 2,
      [dlqTopic(a)]: 2,
      [b]: 2,
      [dlqTopic(b)]: 2,
      [extra]: 1,
    });
    expect(kafka.producer.isConnected).toBe(true);
    await kafka.producer.send([{ topic: a, key: 'k', value: 'v', headers: {} }]);

    // A second replica starting on the same topics is fine.
    await platform().start([a, b]);
  });

  it('check() passes against the broker', async () => {
    const kafka = platform();
    await expect(kafka.check()).resolves.toBeUndefined();
    await expect(kafka.check()).resolves.toBeUndefined(); // cached within a second
  });

  it('check() fails against a port where no broker listens', async () => {
    const kafka = platform({
      brokers: [`127.0.0.1:${await closedPort()}`],
      clientId: `platform-down-${run}`,
      defaultPartitions: 1,
      connectionTimeoutMs: 300,
      requestTimeoutMs: 1_000,
    });
    await expect(kafka.check()).rejects.toThrow(/ECONNREFUSED|Connection error/);
  });
});
