import { randomUUID } from 'node:crypto';
import { createEnvelope, keyOf, toHeaders, Topics } from '@voltlane/contracts-events';
import type { OutgoingRecord } from '../event.producer';
import type { KafkaSettings } from '../kafka.settings';

/**
 * Helpers shared by this library's integration tests (real broker from the Jest global setup).
 * Not exported from the library's index.
 */

export const PROBE_TOPIC = Topics.PlatformProbeRecorded;

/** Partitions the probe services give the probe topic: provisioning with fewer never shrinks it. */
export const PROBE_TOPIC_PARTITIONS = 6;

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run integration tests through the Jest int project');
  return brokers.split(',');
}

export function runId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 10);
}

export function testSettings(clientId: string, defaultPartitions = 3): KafkaSettings {
  return { brokers: kafkaBrokers(), clientId, defaultPartitions };
}

/** A valid `platform.probe.recorded.v1` record, ready for `EventProducer.send`. */
export function probeRecord(
  probeKey: string,
  sequence: number,
  amount = 1,
): OutgoingRecord & { eventId: string } {
  const data = { probeKey, sequence, amount };
  const envelope = createEnvelope(PROBE_TOPIC, data, {
    producer: 'platform-probe',
    correlationId: `it-${probeKey}`,
    causationId: null,
  });
  return {
    topic: PROBE_TOPIC,
    key: keyOf(PROBE_TOPIC, data),
    value: JSON.stringify(envelope),
    headers: toHeaders(envelope),
    eventId: envelope.eventId,
  };
}

/** Polls `probe` until `done` accepts its value; fails with the last value seen. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${options.what}; last: ${JSON.stringify(last)}`,
      );
    }
    await sleep(options.intervalMs ?? 25);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
