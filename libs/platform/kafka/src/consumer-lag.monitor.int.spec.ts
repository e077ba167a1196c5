import { KafkaPlatform } from './kafka.platform';
import { silentKafkaLogger } from './kafka.settings';
import { runId, testSettings } from './testing/kafka.fixture';

/**
 * Consumer lag from the admin client on a real broker: everything is lag before the group commits,
 * nothing once its consumer committed (here: poison records, dead-lettered and committed at once).
 */
describe('consumer lag (real Kafka)', () => {
  const run = runId();
  const topic = `voltlane-it.lag-${run}`;
  const groupId = `lag-it-${run}`;
  let kafka: KafkaPlatform;

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      { ...testSettings(`lag-it-${run}`, 2), lagIntervalMs: 60_000 },
      silentKafkaLogger,
    );
    await kafka.start([topic]);
  });

  afterAll(() => kafka?.disconnect());

  it('Given 5 records the group never committed, When lag is fetched, Then it is 5; after the consumer committed them, 0', async () => {
    await kafka.producer.send(
      [0, 1, 2, 3, 4].map((i) => ({ topic, key: `k${i}`, value: 'not an event', headers: {} })),
    );
    const runner = kafka.createConsumer({
      groupId,
      topics: [topic],
      handler: () => Promise.resolve(),
      isTransient: () => false,
    });
    expect(await kafka.consumerLag({ refresh: true })).toEqual([{ groupId, topic, lag: 5 }]);

    await runner.start();
    const deadline = Date.now() + 30_000;
    let lag = await kafka.consumerLag({ refresh: true });
    while (lag[0]?.lag !== 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      lag = await kafka.consumerLag({ refresh: true });
    }
    expect(lag).toEqual([{ groupId, topic, lag: 0 }]);
    expect(runner.stats.deadLettered).toBe(5);
    expect(kafka.consumerLagSnapshot()).toEqual(lag);
  });
});
