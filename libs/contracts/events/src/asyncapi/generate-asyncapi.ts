import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from 'yaml';
import { DeadLetterHeaders, EnvelopeHeaders, toHeaders, type EventEnvelope } from '../envelope';
import type { AnyEventDefinition } from '../event-definition';
import { EventCatalog } from '../event-catalog';
import type { EventParticipant } from '../services';
import { dlqTopic } from '../topics';
import { buildComponentSchemas, SCHEMA_REF_PREFIX, type JsonSchema } from './json-schemas';
import { findRepoRoot } from './repo-root';

const KAFKA_BINDING_VERSION = '0.5.0';
const ENVELOPE_HEADERS_SCHEMA = 'EnvelopeHeaders';
const DEAD_LETTER_HEADERS_SCHEMA = 'DeadLetterHeaders';
const DEAD_LETTER_MESSAGE = 'deadLetter';
const ENVELOPE_SCHEMA = 'EventEnvelope';

export interface GenerateAsyncApiOptions {
  /** `info.version`; the root package.json version by default. */
  version?: string;
}

/**
 * The AsyncAPI 3.0.0 document of every topic in the catalogue, as YAML. Deterministic: same
 * definitions, same bytes (no timestamps, stable ordering, no YAML anchors).
 */
export function generateAsyncApiDocument(options: GenerateAsyncApiOptions = {}): string {
  // YAML 1.1 rules for quoting: timestamps, yes/no etc. stay strings in 1.1 parsers too (js-yaml).
  const document = new Document(buildAsyncApiObject(options), {
    version: '1.1',
    aliasDuplicateObjects: false,
  });
  document.commentBefore =
    ' Generated from libs/contracts/events by `npm run asyncapi:generate`. Do not edit by hand:\n' +
    ' change the event definitions and regenerate (a unit test fails when this file is stale).';
  return document.toString({ lineWidth: 0 });
}

/** The document as a plain object (what `generateAsyncApiDocument` serialises). */
export function buildAsyncApiObject(
  options: GenerateAsyncApiOptions = {},
): Record<string, unknown> {
  const pkg = readRootPackage();
  const version = options.version ?? pkg.version;
  const schemas = buildComponentSchemas();

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const definition of EventCatalog as readonly AnyEventDefinition[]) {
    const id = channelId(definition.topic);
    const dlqId = `${id}Dlq`;
    const dataSchema = schemas[definition.dataClass.name];
    const keySchema = (dataSchema.properties as Record<string, JsonSchema>)[definition.keyField];

    messages[id] = buildMessage(definition, keySchema);
    channels[id] = {
      address: definition.topic,
      title: definition.eventType,
      description: definition.description,
      servers: [{ $ref: '#/servers/kafka' }],
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
      tags: [{ name: domainOf(definition.topic) }],
      bindings: { kafka: { topic: definition.topic, bindingVersion: KAFKA_BINDING_VERSION } },
      'x-voltlane-event-type': definition.eventType,
      'x-voltlane-schema-version': definition.schemaVersion,
      'x-voltlane-key-field': definition.keyField,
      'x-voltlane-producers': [...definition.producers],
      'x-voltlane-consumers': [...definition.consumers],
    };
    channels[dlqId] = {
      address: dlqTopic(definition.topic),
      title: `${definition.eventType} (dead letters)`,
      description:
        `Poison messages of ${definition.topic}: a consumer that cannot process a message ` +
        '(invalid, or failing with a non-retriable error) copies it here unchanged, with the same ' +
        'key and the error in voltlane-dlq-* headers, and moves on; the partition is never blocked.',
      servers: [{ $ref: '#/servers/kafka' }],
      messages: { [DEAD_LETTER_MESSAGE]: { $ref: `#/components/messages/${DEAD_LETTER_MESSAGE}` } },
      tags: [{ name: domainOf(definition.topic) }, { name: 'dead-letter' }],
      bindings: {
        kafka: { topic: dlqTopic(definition.topic), bindingVersion: KAFKA_BINDING_VERSION },
      },
    };

    const messageRef = { $ref: `#/channels/${id}/messages/${id}` };
    for (const producer of definition.producers) {
      operations[`${camel(producer)}Sends${pascal(id)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${id}` },
        title: `${producer} publishes ${definition.eventType}`,
        summary: `${producer} writes the event to its outbox; the relay publishes it keyed by ${definition.keyField}.`,
        messages: [messageRef],
      };
    }
    for (const consumer of definition.consumers) {
      operations[`${camel(consumer)}Receives${pascal(id)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        title: `${consumer} consumes ${definition.eventType}`,
        summary: describeConsumer(consumer),
        messages: [messageRef],
      };
    }
    operations[`deadLetter${pascal(id)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${dlqId}` },
      title: `Consumers of ${definition.topic} dead-letter poison messages`,
      summary: `Sent by: ${definition.consumers.join(', ')} (through the platform Kafka library).`,
      messages: [{ $ref: `#/channels/${dlqId}/messages/${DEAD_LETTER_MESSAGE}` }],
    };
  }

  messages[DEAD_LETTER_MESSAGE] = {
    name: 'DeadLetter',
    title: 'Dead-lettered message',
    summary: 'The original message, byte for byte, plus the reason it could not be processed.',
    contentType: 'application/json',
    headers: { $ref: `${SCHEMA_REF_PREFIX}${DEAD_LETTER_HEADERS_SCHEMA}` },
    payload: {
      description:
        'The original message value, unchanged (normally the event envelope; may be invalid JSON, ' +
        'which is why it was dead-lettered).',
    },
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Voltlane events',
      version,
      description: INFO_DESCRIPTION,
      license: { name: pkg.license ?? 'Apache-2.0' },
      tags: DOMAIN_TAGS,
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        title: 'Kafka (example)',
        description:
          'Example only: the local development broker. Deployments set the brokers with ' +
          'KAFKA_BROKERS; topics, keys and payloads are the same everywhere.',
      },
    },
    channels,
    operations,
    components: {
      schemas: {
        [ENVELOPE_HEADERS_SCHEMA]: envelopeHeadersSchema(),
        [DEAD_LETTER_HEADERS_SCHEMA]: deadLetterHeadersSchema(),
        ...schemas,
      },
      messages,
    },
  };
}

function buildMessage(
  definition: AnyEventDefinition,
  keySchema: JsonSchema,
): Record<string, unknown> {
  const id = channelId(definition.topic);
  const example = exampleEnvelope(definition);
  return {
    name: definition.dataClass.name,
    title: definition.eventType,
    summary: definition.description,
    contentType: 'application/json',
    correlationId: {
      description: 'Business-flow id shared by all events of one flow.',
      location: `$message.header#/${EnvelopeHeaders.correlationId}`,
    },
    headers: {
      allOf: [
        { $ref: `${SCHEMA_REF_PREFIX}${ENVELOPE_HEADERS_SCHEMA}` },
        {
          type: 'object',
          properties: { [EnvelopeHeaders.eventType]: { const: definition.eventType } },
        },
      ],
    },
    payload: {
      allOf: [
        { $ref: `${SCHEMA_REF_PREFIX}${ENVELOPE_SCHEMA}` },
        {
          type: 'object',
          properties: {
            eventType: { const: definition.eventType },
            schemaVersion: {
              type: 'integer',
              minimum: 1,
              description:
                `Current: ${definition.schemaVersion}. Older versions are upcast by consumers; ` +
                'newer ones (additive) are read with the current schema.',
            },
            data: { $ref: `${SCHEMA_REF_PREFIX}${definition.dataClass.name}` },
          },
        },
      ],
    },
    bindings: {
      kafka: {
        key: {
          ...keySchema,
          description: `The event's data.${definition.keyField}: all events of one ${definition.keyField} share a partition and stay in order.`,
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [
      {
        name: `${id}Example`,
        summary: `A typical ${definition.eventType} event.`,
        headers: toHeaders(example),
        payload: JSON.parse(JSON.stringify(example)) as unknown,
      },
    ],
  };
}

/** A fixed example envelope per topic (ids derived from the topic, so the document is stable). */
export function exampleEnvelope(definition: AnyEventDefinition): EventEnvelope<object> {
  return {
    eventId: stableUuid(`event:${definition.topic}`),
    eventType: definition.eventType,
    schemaVersion: definition.schemaVersion,
    occurredAt: '2025-03-14T09:31:00.000Z',
    producer: definition.producers[0],
    correlationId: stableUuid('correlation:example-flow'),
    causationId: null,
    data: definition.example,
  };
}

function envelopeHeadersSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    [EnvelopeHeaders.eventId]: { type: 'string', format: 'uuid', description: 'eventId (uuid v4)' },
    [EnvelopeHeaders.eventType]: { type: 'string', description: 'eventType' },
    [EnvelopeHeaders.schemaVersion]: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'schemaVersion in decimal',
    },
    [EnvelopeHeaders.occurredAt]: {
      type: 'string',
      format: 'date-time',
      description: 'occurredAt (ISO-8601 UTC)',
    },
    [EnvelopeHeaders.producer]: { type: 'string', description: 'producer (service name)' },
    [EnvelopeHeaders.correlationId]: { type: 'string', description: 'correlationId' },
    [EnvelopeHeaders.causationId]: {
      type: 'string',
      description: 'causationId; header absent when the envelope has causationId null',
    },
  };
  return {
    type: 'object',
    description:
      'Every envelope field except data, mirrored as UTF-8 string headers named voltlane-<field>, ' +
      'so routing, idempotency and tracing never parse the payload. The payload stays authoritative.',
    properties,
    required: Object.values(EnvelopeHeaders).filter((h) => h !== EnvelopeHeaders.causationId),
  };
}

function deadLetterHeadersSchema(): JsonSchema {
  const descriptions: Record<keyof typeof DeadLetterHeaders, string> = {
    error: 'Error name and message (at most 2000 characters)',
    errorCode: 'Stable error code (e.g. PLATFORM.INVALID_EVENT) or the error class name',
    originalTopic: 'Topic the message was read from',
    originalPartition: 'Partition it was read from (decimal)',
    originalOffset: 'Its offset (decimal)',
    consumerGroup: 'Consumer group that gave up on it',
    attempts: 'How many times processing was attempted (decimal)',
    failedAt: 'When it was dead-lettered (ISO-8601 UTC)',
  };
  const properties: Record<string, JsonSchema> = {};
  for (const [field, header] of Object.entries(DeadLetterHeaders)) {
    properties[header] = {
      type: 'string',
      description: descriptions[field as keyof typeof DeadLetterHeaders],
    };
  }
  return {
    type: 'object',
    description:
      'The original message headers (voltlane-* envelope headers when it had them) plus these.',
    properties,
    required: Object.values(DeadLetterHeaders),
  };
}

const DOMAIN_TAGS = [
  {
    name: 'ocpp',
    description: 'Facts from charging stations and commands to them (ocpp-gateway).',
  },
  { name: 'token', description: 'OCPI tokens (authorization data).' },
  { name: 'location', description: 'OCPI locations, EVSEs and connectors of our CPO.' },
  { name: 'tariff', description: 'Tariffs of our CPO.' },
  { name: 'session', description: 'Charging sessions (session-engine).' },
  { name: 'rating', description: 'Live and final session prices (tariff-rating).' },
  { name: 'billing', description: 'CDRs and invoices (cdr-billing).' },
  { name: 'emsp', description: 'What our eMSP received from CPOs over OCPI.' },
  { name: 'platform', description: "The platform's own diagnostic events." },
  { name: 'dead-letter', description: 'Dead-letter topics (<topic>.dlq).' },
];

const INFO_DESCRIPTION = `Kafka events of the Voltlane EV charging platform (CPO and eMSP).

Generated from the contracts library \`libs/contracts/events\` (import \`@voltlane/contracts-events\`),
which holds one class-validator class per event and is the source of truth.

- **Topics**: \`<domain>.<entity>.<event>.v<major>\`; dead letters go to \`<topic>.dlq\`.
- **Payload**: a JSON envelope \`{ eventId, eventType, schemaVersion, occurredAt, producer,
  correlationId, causationId, data }\`; every field except \`data\` is mirrored in
  \`voltlane-*\` Kafka headers.
- **Keys**: the message key is one field of \`data\` (see each message's Kafka binding):
  \`stationId\` for \`ocpp.*\`, \`sessionId\` for \`session.*\` and \`rating.*\`, \`cdrId\`, \`invoiceId\`,
  token \`uid\`, location/tariff ids. Events of one key are in order; nothing is ordered across keys
  or topics.
- **Delivery**: at least once, published through a transactional outbox; every consumer is
  idempotent on \`eventId\`.
- **Compatibility**: unknown fields are tolerated by consumers. Additive changes bump
  \`schemaVersion\` on the same topic (older versions are upcast); breaking changes get a new topic
  \`.v<major+1>\`.
- **Partitions** are deployment configuration; ordering depends only on the key.`;

function channelId(topic: string): string {
  return camel(topic.replace(/\./g, '-'));
}

function domainOf(topic: string): string {
  return topic.slice(0, topic.indexOf('.'));
}

function camel(text: string): string {
  return text.replace(/-([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeConsumer(consumer: EventParticipant): string {
  return consumer === 'internal-subscribers'
    ? 'Services outside the platform (invoicing, CRM, analytics, energy management) subscribe ' +
        'with their own consumer group; they must be idempotent on eventId.'
    : `${consumer} consumes it in its own consumer group and applies each eventId once ` +
        '(processed-event ids are recorded in the same transaction as the state change).';
}

/** A uuid v4-shaped id derived from a seed (for stable examples only). */
function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function readRootPackage(): { version: string; license?: string } {
  const raw = readFileSync(join(findRepoRoot(), 'package.json'), 'utf8');
  const pkg = JSON.parse(raw) as { version?: unknown; license?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('root package.json has no version');
  return {
    version: pkg.version,
    license: typeof pkg.license === 'string' ? pkg.license : undefined,
  };
}
