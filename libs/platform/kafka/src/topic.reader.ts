import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { decodeHeaders } from './dead-letter';

export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface ReadTopicOptions {
  /** Stop after this many records… */
  maxRecords: number;
  /** …or after this long, whichever comes first. */
  timeoutMs: number;
}

/**
 * Reads a topic from the beginning without joining any service's consumer group and without
 * validating anything: for inspecting dead-letter topics (operators, tests) where records are by
 * definition not valid events. Uses a throw-away group id and never commits offsets.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: ReadTopicOptions,
): Promise<RawRecord[]> {
  const consumer = kafka.consumer({
    groupId: `voltlane-inspect-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            // Messages keep arriving until the consumer is disconnected: never return more.
            if (records.length >= options.maxRecords) return;
            records.push({
              topic,
              partition,
              offset: message.offset,
              key: message.key ? message.key.toString() : null,
              value: message.value,
              headers: decodeHeaders(message.headers),
              timestamp: message.timestamp,
            });
            if (records.length >= options.maxRecords) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
