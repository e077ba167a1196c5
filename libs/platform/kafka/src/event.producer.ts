import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { CompressionTypes, Partitioners } from 'kafkajs';
import {
  markSpanFailed,
  otelContext,
  otelTrace,
  SpanKind,
  TRACEPARENT_HEADER,
  traceHeadersOf,
  voltlaneTracer,
} from '@voltlane/platform-core';
import type { KafkaLogger } from './kafka.settings';

/** A message ready for the wire: serialized value, explicit key, string headers. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

interface PendingSend {
  records: OutgoingRecord[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Producer facade: acks=all, idempotent (exactly one copy per partition per producer session,
 * in order), one request in flight. Concurrent `send` calls are coalesced into a single batch while
 * the previous batch is on the wire, so throughput grows with load without adding a linger delay,
 * and FIFO order (hence per-key order) is preserved across calls.
 */
export class EventProducer {
  private readonly producer: Producer;
  private queue: PendingSend[] = [];
  private flushing = false;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly logger: KafkaLogger,
    private readonly maxBatchRecords = 5_000,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // murmur2 on the key, as the Java client: keys land on the same partitions from any client.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 3_000 },
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.connected = false;
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.connected = true;
    });
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  /**
   * Resolves once the broker acknowledged every record (acks=all). Records without a `traceparent`
   * header sent inside a traced unit of work get a PRODUCER span (`send <topic>`, ended at the
   * acknowledgement) and its trace context as headers; records that carry one (outbox rows, which
   * captured it when they were written) are sent as they are.
   */
  send(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const untraced = records.filter((r) => !r.headers[TRACEPARENT_HEADER]);
    const parent = otelContext.active();
    if (untraced.length === 0 || !otelTrace.getSpan(parent)) return this.enqueue(records);
    const topics = [...new Set(untraced.map((r) => r.topic))];
    const span = voltlaneTracer().startSpan(
      `send ${topics.join(',')}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': topics.join(','),
          'messaging.batch.message_count': untraced.length,
        },
      },
      parent,
    );
    const headers = traceHeadersOf(otelTrace.setSpan(parent, span));
    const traced = records.map((r) =>
      r.headers[TRACEPARENT_HEADER] ? r : { ...r, headers: { ...r.headers, ...headers } },
    );
    return this.enqueue(traced).then(
      () => span.end(),
      (err: unknown) => {
        markSpanFailed(span, err);
        span.end();
        throw err;
      },
    );
  }

  private enqueue(records: OutgoingRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch: PendingSend[] = [];
        let count = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || count + this.queue[0].records.length <= this.maxBatchRecords)
        ) {
          const next = this.queue.shift() as PendingSend;
          batch.push(next);
          count += next.records.length;
        }
        try {
          await this.producer.sendBatch({
            acks: -1,
            compression: CompressionTypes.None,
            topicMessages: groupByTopic(batch.flatMap((p) => p.records)),
          });
          for (const p of batch) p.resolve();
        } catch (err) {
          this.logger.warn('kafka send failed', { records: count, error: String(err) });
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  async disconnect(): Promise<void> {
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
    await this.producer.disconnect();
    this.connected = false;
  }
}

/** Groups records per topic, keeping their relative order (sendBatch preserves it per partition). */
export function groupByTopic(records: OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const r of records) {
    let tm = byTopic.get(r.topic);
    if (!tm) {
      tm = { topic: r.topic, messages: [] };
      byTopic.set(r.topic, tm);
    }
    tm.messages.push({ key: r.key, value: r.value, headers: r.headers });
  }
  return [...byTopic.values()];
}
