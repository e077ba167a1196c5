// Each e2e file runs whole services whose consumer groups are new, so they read every topic from
// its beginning: on one broker shared by the whole run they would also process every earlier test
// file's events (sessions of other tests counted, backlogs delaying this test's events). When the
// run provisions Kafka locally (a JVM starting in seconds), every e2e file therefore gets a broker
// of its own for its lifetime; with an external or Docker Kafka the shared broker is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionLocalKafka } from '@voltlane/infra';

let stopKafka: (() => Promise<void>) | undefined;
let dir: string | undefined;
let sharedBrokers: string | undefined;

beforeAll(async () => {
  if (process.env.VOLTLANE_TEST_KAFKA_SOURCE !== 'local') return;
  sharedBrokers = process.env.KAFKA_BROKERS;
  dir = mkdtempSync(join(tmpdir(), 'voltlane-e2e-kafka-'));
  const kafka = await provisionLocalKafka({ dir, persistent: false, log: () => undefined });
  stopKafka = kafka.stop;
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');
}, 180_000);

afterAll(async () => {
  if (sharedBrokers !== undefined) process.env.KAFKA_BROKERS = sharedBrokers;
  await stopKafka?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);
