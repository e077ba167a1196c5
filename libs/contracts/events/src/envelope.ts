import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { IsServiceName, IsUtcDateTime } from './common/validators';
import { EVENT_TYPE_PATTERN } from './topics';

/**
 * Everything about an event except its data. Travels twice: inside the JSON payload (the payload is
 * the whole envelope, self-describing) and as Kafka headers (so routing, idempotency checks, tracing
 * and dead-lettering never parse the payload).
 */
export class EnvelopeMetadata {
  /** Unique id of this event (uuid v4). Consumers record it to stay idempotent. */
  @IsUUID('4')
  eventId: string;

  /** `<domain>.<entity>.<event>`: the topic name without its `.v<major>` suffix. */
  @IsString()
  @Matches(EVENT_TYPE_PATTERN, { message: '$property must look like <domain>.<entity>.<event>' })
  eventType: string;

  /** Version of the data schema within the topic's major version; starts at 1. */
  @IsInt()
  @Min(1)
  schemaVersion: number;

  /** When the fact happened (not when it was published), ISO-8601 UTC. */
  @IsUtcDateTime()
  occurredAt: string;

  /** Name of the producing service, e.g. `ocpp-gateway`. */
  @IsServiceName()
  producer: string;

  /** Id shared by every event of one business flow (a charging session, a command, ...). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  correlationId: string;

  /** `eventId` of the event (or id of the request) that caused this one; `null` for a root event. */
  @ValidateIf((_object: unknown, value: unknown) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @JSONSchema((schema) => ({ ...schema, type: ['string', 'null'] }) as never)
  causationId: string | null;
}

/** The envelope every event travels in; `data` is the topic's data class. */
@JSONSchema((schema) => ({ ...schema, required: [...(schema.required ?? []), 'causationId'] }))
export class EventEnvelope<TData = unknown> extends EnvelopeMetadata {
  /** The event's data, validated against the topic's data class. */
  @IsObject()
  data: TData;
}

// -----------------------------------------------------------------------------------------------
// Kafka headers
// -----------------------------------------------------------------------------------------------

/**
 * Header names of the envelope fields. Scheme: `voltlane-<field in kebab-case>`, values are UTF-8
 * strings. We do not use CloudEvents `ce_*` names: the payload is our own envelope (not a
 * CloudEvent), and three of our fields (`schemaVersion`, `correlationId`, `causationId`) have no
 * CloudEvents attribute, so `ce_` names would promise a compatibility we do not offer.
 * `causationId` is omitted when it is `null`.
 */
export const EnvelopeHeaders = {
  eventId: 'voltlane-event-id',
  eventType: 'voltlane-event-type',
  schemaVersion: 'voltlane-schema-version',
  occurredAt: 'voltlane-occurred-at',
  producer: 'voltlane-producer',
  correlationId: 'voltlane-correlation-id',
  causationId: 'voltlane-causation-id',
} as const satisfies Record<keyof EnvelopeMetadata, string>;

export type EnvelopeHeaderName = (typeof EnvelopeHeaders)[keyof typeof EnvelopeHeaders];

/**
 * Headers that a consumer adds when it dead-letters a message to `<topic>.dlq`, next to the
 * original headers (the value and key are copied unchanged).
 */
export const DeadLetterHeaders = {
  error: 'voltlane-dlq-error',
  errorCode: 'voltlane-dlq-error-code',
  originalTopic: 'voltlane-dlq-original-topic',
  originalPartition: 'voltlane-dlq-original-partition',
  originalOffset: 'voltlane-dlq-original-offset',
  consumerGroup: 'voltlane-dlq-consumer-group',
  attempts: 'voltlane-dlq-attempts',
  failedAt: 'voltlane-dlq-failed-at',
} as const;

/** A Kafka header value as clients deliver it (kafkajs: `Buffer | string | (Buffer | string)[]`). */
export type KafkaHeaderValue = string | Buffer | ReadonlyArray<string | Buffer> | undefined;

/** The envelope fields as Kafka headers (string values; `causationId` left out when null). */
export function toHeaders(envelope: EnvelopeMetadata): Record<string, string> {
  const headers: Record<string, string> = {
    [EnvelopeHeaders.eventId]: envelope.eventId,
    [EnvelopeHeaders.eventType]: envelope.eventType,
    [EnvelopeHeaders.schemaVersion]: String(envelope.schemaVersion),
    [EnvelopeHeaders.occurredAt]: envelope.occurredAt,
    [EnvelopeHeaders.producer]: envelope.producer,
    [EnvelopeHeaders.correlationId]: envelope.correlationId,
  };
  if (envelope.causationId !== null) headers[EnvelopeHeaders.causationId] = envelope.causationId;
  return headers;
}

/** Thrown by `envelopeFromHeaders` when headers are missing or invalid; lists every problem. */
export class InvalidEnvelopeHeadersError extends Error {
  readonly code = 'CONTRACTS.INVALID_ENVELOPE_HEADERS';
  readonly retriable = false;

  constructor(readonly errors: string[]) {
    super(`Invalid envelope headers: ${errors.join('; ')}`);
    this.name = 'InvalidEnvelopeHeadersError';
  }
}

/**
 * Reads the envelope fields back from Kafka headers and validates them with the envelope rules.
 * Header names are matched exactly; for a repeated header the last value wins; a missing
 * `voltlane-causation-id` means `causationId: null`.
 * @throws InvalidEnvelopeHeadersError when a header is missing or invalid.
 */
export function envelopeFromHeaders(
  headers: Readonly<Record<string, KafkaHeaderValue>> | undefined,
): EnvelopeMetadata {
  const read = (name: string): string | undefined => headerString(headers?.[name]);
  const errors: string[] = [];

  const schemaVersionText = read(EnvelopeHeaders.schemaVersion);
  let schemaVersion: number | undefined;
  if (schemaVersionText !== undefined) {
    if (/^[1-9][0-9]{0,8}$/.test(schemaVersionText)) schemaVersion = Number(schemaVersionText);
    else errors.push(`${EnvelopeHeaders.schemaVersion}: must be a positive integer`);
  }

  const plain = {
    eventId: read(EnvelopeHeaders.eventId),
    eventType: read(EnvelopeHeaders.eventType),
    schemaVersion,
    occurredAt: read(EnvelopeHeaders.occurredAt),
    producer: read(EnvelopeHeaders.producer),
    correlationId: read(EnvelopeHeaders.correlationId),
    causationId: read(EnvelopeHeaders.causationId) ?? null,
  };
  const metadata = plainToInstance(EnvelopeMetadata, plain);
  for (const error of validateSync(metadata)) {
    const field = error.property as keyof typeof EnvelopeHeaders;
    const header = EnvelopeHeaders[field] ?? error.property;
    if (field === 'schemaVersion' && schemaVersionText !== undefined) continue; // reported above
    if (plain[field] === undefined) errors.push(`${header}: header is missing`);
    else errors.push(`${header}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  }
  if (errors.length > 0) throw new InvalidEnvelopeHeadersError(errors);
  return metadata;
}

function headerString(value: KafkaHeaderValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  const values = value as ReadonlyArray<string | Buffer>;
  return values.length === 0 ? undefined : headerString(values[values.length - 1]);
}
