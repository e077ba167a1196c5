import { randomUUID } from 'node:crypto';
import { EventEnvelope, type EnvelopeMetadata } from './envelope';
import type { AnyEventDefinition } from './event-definition';
import { getEventDefinition, type TopicDataMap } from './event-catalog';
import type { TopicName } from './topics';

export type EventContractErrorCode = 'CONTRACTS.UNKNOWN_TOPIC' | 'CONTRACTS.MISSING_KEY';

/** A programming error against the contracts (unknown topic, event without its key). */
export class EventContractError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: EventContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventContractError';
  }
}

export interface CreateEnvelopeOptions {
  /** The producing service, e.g. `session-engine`. */
  producer: string;
  /** Business-flow id; for a root event commonly its own eventId (pass `eventId` too then). */
  correlationId: string;
  /** `eventId` of the causing event, `null` for a root event. See `causedBy`. */
  causationId: string | null;
  /** Fixed id (deterministic re-emission); a random uuid v4 otherwise. */
  eventId?: string;
  /** When the fact happened, ISO-8601 UTC; now otherwise. */
  occurredAt?: string;
}

/**
 * Builds the envelope for `data` on `topic`: fills `eventType` and the current `schemaVersion` from
 * the definition, a random uuid v4 `eventId` and `occurredAt` = now unless given. Does not validate;
 * run `validateEvent` before publishing (the outbox writer does).
 * @throws EventContractError for a topic the library does not define.
 */
export function createEnvelope<T extends TopicName>(
  topic: T,
  data: TopicDataMap[T],
  options: CreateEnvelopeOptions,
): EventEnvelope<TopicDataMap[T]> {
  const definition = requireDefinition(topic);
  const envelope = new EventEnvelope<TopicDataMap[T]>();
  envelope.eventId = options.eventId ?? randomUUID();
  envelope.eventType = definition.eventType;
  envelope.schemaVersion = definition.schemaVersion;
  envelope.occurredAt = options.occurredAt ?? new Date().toISOString();
  envelope.producer = options.producer;
  envelope.correlationId = options.correlationId;
  envelope.causationId = options.causationId;
  envelope.data = data;
  return envelope;
}

/** Correlation and causation for an event caused by `cause`: same flow, caused by its eventId. */
export function causedBy(
  cause: Pick<EnvelopeMetadata, 'eventId' | 'correlationId'>,
): Pick<CreateEnvelopeOptions, 'correlationId' | 'causationId'> {
  return { correlationId: cause.correlationId, causationId: cause.eventId };
}

/**
 * The Kafka message key of an event: the value of the definition's `keyField` in `data`.
 * @throws EventContractError for an unknown topic or a missing/empty key.
 */
export function keyOf<T extends TopicName>(topic: T, data: TopicDataMap[T]): string {
  const definition = requireDefinition(topic);
  const value = (data as unknown as Record<string, unknown> | null | undefined)?.[
    definition.keyField
  ];
  if (typeof value !== 'string' || value.length === 0) {
    throw new EventContractError(
      'CONTRACTS.MISSING_KEY',
      `${topic}: data.${definition.keyField} (the message key) must be a non-empty string`,
    );
  }
  return value;
}

function requireDefinition(topic: string): AnyEventDefinition {
  const definition = getEventDefinition(topic);
  if (!definition) {
    throw new EventContractError('CONTRACTS.UNKNOWN_TOPIC', `unknown topic "${topic}"`);
  }
  return definition;
}
