import type { Admin, ITopicConfig } from 'kafkajs';
import type { KafkaLogger } from './kafka.settings';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor?: number;
  configEntries?: Record<string, string>;
}

export interface ProvisionResult {
  created: string[];
  expanded: string[];
  unchanged: string[];
}

/**
 * Idempotently makes sure every topic exists with at least the configured partition count.
 * Never relies on broker auto-creation; safe to run concurrently from many replicas: a topic that
 * another replica created meanwhile is fine (and expanded if that replica asked for fewer
 * partitions), and so is a topic that another replica is expanding at the same time. Partition
 * counts only ever grow: shrinking is impossible in Kafka and would silently change key →
 * partition placement anyway.
 */
export async function provisionTopics(
  admin: Admin,
  specs: TopicSpec[],
  logger: KafkaLogger,
): Promise<ProvisionResult> {
  const unique = [...new Map(specs.map((s) => [s.topic, s])).values()];
  const existing = new Set(await admin.listTopics());
  const missing = unique.filter((s) => !existing.has(s.topic));
  const result: ProvisionResult = { created: [], expanded: [], unchanged: [] };

  if (missing.length > 0) {
    const topics: ITopicConfig[] = missing.map((s) => ({
      topic: s.topic,
      numPartitions: s.numPartitions,
      replicationFactor: s.replicationFactor ?? 1,
      configEntries: Object.entries(s.configEntries ?? {}).map(([name, value]) => ({
        name,
        value,
      })),
    }));
    try {
      await admin.createTopics({ topics, waitForLeaders: true, timeout: 30_000 });
    } catch (err) {
      // TOPIC_ALREADY_EXISTS from a concurrent replica is fine; anything else is re-checked below.
      logger.debug('createTopics reported an error; re-reading metadata', { error: String(err) });
    }
  }

  const partitionsByTopic = await waitForTopics(
    admin,
    unique.map((s) => s.topic),
  );
  const toExpand: { topic: string; count: number }[] = [];
  for (const spec of unique) {
    const count = partitionsByTopic.get(spec.topic);
    if (count === undefined) throw new Error(`Topic ${spec.topic} could not be provisioned`);
    // Compare counts even for topics that were missing: a concurrent replica may have created one
    // first, with fewer partitions than this spec asks for.
    if (count < spec.numPartitions) toExpand.push({ topic: spec.topic, count: spec.numPartitions });
    else if (missing.some((m) => m.topic === spec.topic)) result.created.push(spec.topic);
    else result.unchanged.push(spec.topic);
  }
  if (toExpand.length > 0) {
    try {
      await admin.createPartitions({ topicPartitions: toExpand, timeout: 30_000 });
    } catch (err) {
      // INVALID_PARTITIONS ("topic already has N partitions") when a concurrent replica expanded
      // it first: fine as long as the counts are there now; anything else is rethrown.
      logger.debug('createPartitions reported an error; re-reading metadata', {
        error: String(err),
      });
      await waitForPartitions(admin, toExpand, err);
    }
    result.expanded.push(...toExpand.map((t) => t.topic));
  }
  logger.log('kafka topics provisioned', {
    created: result.created.length,
    expanded: result.expanded.length,
    unchanged: result.unchanged.length,
  });
  return result;
}

/**
 * Reads partition counts, waiting (up to `timeoutMs`) for topics that another replica is creating
 * right now: their metadata answers UNKNOWN_TOPIC_OR_PARTITION until the controller has elected leaders.
 */
async function waitForTopics(
  admin: Admin,
  topics: string[],
  timeoutMs = 30_000,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const counts = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
      if (topics.every((t) => (counts.get(t) ?? 0) > 0)) return counts;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`Topics not available after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * attempt)));
  }
}

/** Waits until every topic has at least its target partition count; throws `cause` otherwise. */
async function waitForPartitions(
  admin: Admin,
  targets: { topic: string; count: number }[],
  cause: unknown,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const counts = await waitForTopics(
      admin,
      targets.map((t) => t.topic),
    );
    if (targets.every((t) => (counts.get(t.topic) ?? 0) >= t.count)) return;
    if (Date.now() > deadline) throw cause;
    await new Promise((r) => setTimeout(r, Math.min(500, 50 * attempt)));
  }
}
