import { type Admin, ConfigResourceTypes } from 'kafkajs';
import { createKafkaClient } from './kafka-client.factory';
import { silentKafkaLogger } from './kafka.settings';
import { provisionTopics } from './topic.provisioner';
import { runId, testSettings } from './testing/kafka.fixture';

/** provisionTopics against a real broker (auto-creation is off there, as in production). */
describe('provisionTopics (real Kafka)', () => {
  const run = runId();
  const topic = (name: string) => `voltlane-it.provision-${run}.${name}`;
  let adminA: Admin;
  let adminB: Admin;

  const partitions = async (topics: string[]) => {
    const { topics: meta } = await adminA.fetchTopicMetadata({ topics });
    return Object.fromEntries(meta.map((t) => [t.name, t.partitions.length]));
  };

  beforeAll(async () => {
    adminA = createKafkaClient(testSettings(`provision-a-${run}`), silentKafkaLogger).admin();
    adminB = createKafkaClient(testSettings(`provision-b-${run}`), silentKafkaLogger).admin();
    await Promise.all([adminA.connect(), adminB.connect()]);
  });

  afterAll(async () => {
    await Promise.all([adminA?.disconnect(), adminB?.disconnect()]);
  });

  it('creates missing topics with their partition count and config entries', async () => {
    const [t1, t2] = [topic('create-1'), topic('create-2')];
    const result = await provisionTopics(
      adminA,
      [
        { topic: t1, numPartitions: 1 },
        { topic: t2, numPartitions: 2, configEntries: { 'retention.ms': '3600000' } },
        { topic: t1, numPartitions: 3 }, // the same topic twice: the last spec wins
      ],
      silentKafkaLogger,
    );
    expect(result).toEqual({ created: [t1, t2], expanded: [], unchanged: [] });
    expect(await partitions([t1, t2])).toEqual({ [t1]: 3, [t2]: 2 });
    const described = await adminA.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: t2, configNames: ['retention.ms'] }],
    });
    expect(described.resources[0].configEntries[0]).toMatchObject({
      configName: 'retention.ms',
      configValue: '3600000',
    });
  });

  it('is idempotent: provisioning existing topics again changes nothing', async () => {
    const t = topic('idempotent');
    const specs = [{ topic: t, numPartitions: 2 }];
    expect((await provisionTopics(adminA, specs, silentKafkaLogger)).created).toEqual([t]);
    for (let i = 0; i < 2; i++) {
      expect(await provisionTopics(adminA, specs, silentKafkaLogger)).toEqual({
        created: [],
        expanded: [],
        unchanged: [t],
      });
    }
    expect(await partitions([t])).toEqual({ [t]: 2 });
  });

  it('expands a topic with too few partitions and never shrinks one', async () => {
    const t = topic('expand');
    await provisionTopics(adminA, [{ topic: t, numPartitions: 2 }], silentKafkaLogger);
    expect(
      await provisionTopics(adminA, [{ topic: t, numPartitions: 4 }], silentKafkaLogger),
    ).toEqual({
      created: [],
      expanded: [t],
      unchanged: [],
    });
    expect(await partitions([t])).toEqual({ [t]: 4 });
    expect(
      (await provisionTopics(adminA, [{ topic: t, numPartitions: 1 }], silentKafkaLogger))
        .unchanged,
    ).toEqual([t]);
    expect(await partitions([t])).toEqual({ [t]: 4 });
  });

  it('works when two clients provision the same new topics concurrently (replicas starting together)', async () => {
    // Four independent races: whichever client creates a topic, it ends with the larger count.
    const names = [1, 2, 3, 4].map((i) => topic(`race-${i}`));
    await Promise.all(
      names.flatMap((t) => [
        provisionTopics(adminA, [{ topic: t, numPartitions: 2 }], silentKafkaLogger),
        provisionTopics(adminB, [{ topic: t, numPartitions: 4 }], silentKafkaLogger),
      ]),
    );
    expect(await partitions(names)).toEqual(Object.fromEntries(names.map((t) => [t, 4])));
  });

  it('works when two clients expand the same topics concurrently', async () => {
    const names = [1, 2].map((i) => topic(`grow-${i}`));
    await provisionTopics(
      adminA,
      names.map((t) => ({ topic: t, numPartitions: 1 })),
      silentKafkaLogger,
    );
    const specs = names.map((t) => ({ topic: t, numPartitions: 3 }));
    const results = await Promise.all([
      provisionTopics(adminA, specs, silentKafkaLogger),
      provisionTopics(adminB, specs, silentKafkaLogger),
    ]);
    for (const r of results) expect(r.created).toEqual([]);
    expect(await partitions(names)).toEqual(Object.fromEntries(names.map((t) => [t, 3])));
  });
});
