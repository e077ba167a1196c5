import type { EntityManager } from 'typeorm';
import { createEnvelope, keyOf, toHeaders, validateEvent } from '@voltlane/contracts-events';
import { traceHeadersOf, type TraceHeaders } from '@voltlane/platform-core';
import { assertSchemaName } from './data-source.factory';

export interface OutboxMessage {
  topic: string;
  data: unknown;
  correlationId: string;
  causationId: string | null;
  /** Fixed id for deterministic re-emission; a random uuid otherwise. */
  eventId?: string;
  occurredAt?: string;
  /**
   * W3C trace context (`traceparent`, `tracestate`) the event continues; stored with the row and
   * sent as Kafka headers by the relay, so the consumer's span is a child of the operation that
   * wrote the event, not of the relay. Default: the active trace context when `append` runs.
   */
  traceHeaders?: TraceHeaders;
}

/** Thrown when a service tries to publish an event that breaks its own contract. */
export class InvalidOutgoingEventError extends Error {
  readonly code = 'PLATFORM.INVALID_OUTGOING_EVENT';
  readonly retriable = false;
  constructor(topic: string, errors: string[]) {
    super(`Outgoing ${topic} event breaks its contract: ${errors.join('; ')}`);
    this.name = 'InvalidOutgoingEventError';
  }
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so the state change and
 * the events it causes commit together. Envelopes are built and validated here (a contract-breaking
 * event never reaches Kafka). Before inserting, the transaction takes an advisory lock per message
 * key: two transactions writing events for the same key are serialized, so outbox ids (the relay's
 * publishing order) follow commit order for every key.
 */
export class OutboxWriter {
  private readonly table: string;
  private readonly lockPrefix: string;

  constructor(
    schema: string,
    private readonly producer: string,
  ) {
    this.table = `"${assertSchemaName(schema)}"."outbox"`;
    this.lockPrefix = `voltlane-outbox-key:${schema}:`;
  }

  async append(manager: EntityManager, messages: OutboxMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside a database transaction');
    }
    const topics: string[] = [];
    const keys: string[] = [];
    const payloads: string[] = [];
    const headers: string[] = [];
    const ids: string[] = [];
    const activeTrace = traceHeadersOf();
    for (const m of messages) {
      const envelope = createEnvelope(m.topic as never, m.data as never, {
        producer: this.producer,
        correlationId: m.correlationId,
        causationId: m.causationId,
        eventId: m.eventId,
        occurredAt: m.occurredAt,
      });
      const check = validateEvent(m.topic, envelope);
      if (!check.ok) throw new InvalidOutgoingEventError(m.topic, check.errors);
      topics.push(m.topic);
      keys.push(keyOf(m.topic as never, m.data as never));
      payloads.push(JSON.stringify(envelope));
      headers.push(JSON.stringify({ ...toHeaders(envelope), ...(m.traceHeaders ?? activeTrace) }));
      ids.push(envelope.eventId);
    }
    // Lock ids are derived from `voltlane-outbox-key:<schema>:<key>`, never from the bare key: keys
    // come from the outside world (station ids, …) and a bare key could spell another lock's name
    // (the relay's leadership lock, held for its lifetime) and block every writer of that key.
    // Locks are taken in a fixed order so that writers of overlapping key sets cannot deadlock.
    await manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended($2 || x, 0) AS k FROM unnest($1::text[]) AS x ORDER BY 1
       ) AS locks`,
      [keys, this.lockPrefix],
    );
    await manager.query(
      `INSERT INTO ${this.table} ("topic", "message_key", "payload", "headers")
       SELECT t.topic, t.message_key, t.payload, t.headers
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])
         WITH ORDINALITY AS t(topic, message_key, payload, headers, ord)
       ORDER BY t.ord`,
      [topics, keys, payloads, headers],
    );
    return ids;
  }
}
