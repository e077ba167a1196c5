import type { DataSource, EntityManager } from 'typeorm';
import {
  activeTraceId,
  extractTraceContext,
  otelTrace,
  publishSpanHeaders,
  type TraceHeaders,
  traceHeadersOf,
} from '@voltlane/platform-core';
import { assertSchemaName } from './data-source.factory';
import type { OutboxMessage, OutboxWriter } from './outbox.writer';

/** The minimum a consumed event must carry: its envelope ids. */
export interface EnvelopedEvent {
  envelope: { eventId: string; correlationId: string };
  /** Transport headers (Kafka); `traceparent` there links the events this one causes. */
  headers?: Record<string, string>;
}

type PublishOptions = Partial<Pick<OutboxMessage, 'correlationId' | 'causationId' | 'eventId'>>;

/** What an event handler may touch: the transaction, and an outbox bound to it. */
export interface TransactionScope {
  manager: EntityManager;
  /**
   * Queues an event; it is written to the outbox in the same transaction as the state change.
   * correlationId/causationId default to the consumed event's (correlation kept, causation = its id);
   * an explicit `causationId: null` is kept.
   */
  publish(topic: string, data: unknown, options?: PublishOptions): void;
}

export type ApplyEvent<E extends EnvelopedEvent> = (
  event: E,
  scope: TransactionScope,
) => Promise<void>;

/** Applies all new events of a chunk at once (for set-based SQL); they share one topic-partition. */
export type ApplyEventBatch<E extends EnvelopedEvent> = (
  events: E[],
  scope: BatchTransactionScope,
) => Promise<void>;

export interface BatchTransactionScope {
  manager: EntityManager;
  publish(
    topic: string,
    data: unknown,
    options: Required<Pick<OutboxMessage, 'correlationId' | 'causationId'>> & PublishOptions,
  ): void;
}

/**
 * Makes a consumer idempotent: in one transaction it records the batch's event ids in
 * `processed_events` for this consumer group (duplicates are skipped, including a duplicate inside
 * the same batch), applies only the new ones in order, and writes the events they cause to the
 * outbox. Either all of it commits or none of it does, so a redelivered batch has exactly one effect.
 */
export class IdempotentEventProcessor {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly consumerGroup: string,
    private readonly outbox: OutboxWriter,
  ) {
    this.table = `"${assertSchemaName(schema)}"."processed_events"`;
  }

  /** Per-event handler: `apply` is called once per new event, in order, in one transaction. */
  handler<E extends EnvelopedEvent>(apply: ApplyEvent<E>): (events: E[]) => Promise<void> {
    return async (events) => {
      await this.process(events, async (fresh, batchScope) => {
        for (const event of fresh) {
          await apply(event, {
            manager: batchScope.manager,
            publish: (topic, data, options) =>
              batchScope.publish(topic, data, {
                correlationId: options?.correlationId ?? event.envelope.correlationId,
                // An explicit `null` (root event of a new flow) is kept; `undefined` defaults.
                causationId:
                  options?.causationId === undefined ? event.envelope.eventId : options.causationId,
                eventId: options?.eventId,
              }),
          });
        }
      });
    };
  }

  /** Batch handler: `apply` receives every new event of the chunk at once. */
  batchHandler<E extends EnvelopedEvent>(
    apply: ApplyEventBatch<E>,
  ): (events: E[]) => Promise<void> {
    return async (events) => {
      await this.process(events, apply);
    };
  }

  /** Returns how many events were new (and applied). */
  async process<E extends EnvelopedEvent>(events: E[], apply: ApplyEventBatch<E>): Promise<number> {
    if (events.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const rows: { event_id: string }[] = await manager.query(
        `INSERT INTO ${this.table} ("consumer_group", "event_id")
         SELECT $1, id FROM unnest($2::uuid[]) AS id
         ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [this.consumerGroup, events.map((e) => e.envelope.eventId)],
      );
      const unseen = new Set(rows.map((r) => r.event_id));
      const fresh = events.filter((e) => unseen.delete(e.envelope.eventId.toLowerCase()));
      if (fresh.length === 0) return 0;
      const outgoing: OutboxMessage[] = [];
      const byId = new Map(fresh.map((e) => [e.envelope.eventId, e]));
      await apply(fresh, {
        manager,
        publish: (topic, data, options) =>
          outgoing.push({
            topic,
            data,
            ...options,
            traceHeaders: traceOfPublish(topic, byId.get(options.causationId ?? '')),
          }),
      });
      await this.outbox.append(manager, outgoing);
      return fresh.length;
    });
  }

  /** Drops inbox rows older than the dedup window (redeliveries older than that are not expected). */
  async prune(olderThanDays: number): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE "consumer_group" = $1 AND "processed_at" < now() - make_interval(days => $2)`,
      [this.consumerGroup, olderThanDays],
    );
    return result[1] ?? 0;
  }
}

/**
 * The trace context an event published by a handler continues, captured when it is published: the
 * active one (the consumer's span of the event being handled). A batch handler's span is not in the
 * trace of each event it processed, only linked to them: an event published because of one of them
 * (its causationId) gets a PRODUCER span in that event's trace instead, so the trace goes on.
 */
function traceOfPublish(topic: string, cause: EnvelopedEvent | undefined): TraceHeaders {
  const causeContext = cause?.headers ? extractTraceContext(cause.headers) : undefined;
  const causeTrace = causeContext ? otelTrace.getSpanContext(causeContext)?.traceId : undefined;
  if (!causeContext || !causeTrace || causeTrace === activeTraceId()) return traceHeadersOf();
  return publishSpanHeaders(`publish ${topic}`, causeContext, {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
  });
}
