import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AnyEventDefinition } from '../event-definition';
import { EventCatalog } from '../event-catalog';
import { validateEvent } from '../event-validation';
import { dlqTopic } from '../topics';
import { collectRefs } from './json-schemas';
import { generateAsyncApiDocument } from './generate-asyncapi';
import { findRepoRoot } from './repo-root';

type Node = Record<string, unknown>;

const yamlText = generateAsyncApiDocument();
const doc = parse(yamlText) as Node;
const channels = doc.channels as Record<string, Node>;
const operations = doc.operations as Record<string, Node>;
const components = doc.components as {
  schemas: Record<string, Node>;
  messages: Record<string, Node>;
};
const definitions = EventCatalog as readonly AnyEventDefinition[];

/** Resolves a local `#/a/b/c` pointer inside the document. */
function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Node | undefined)?.[part], doc);
}

const deref = (node: Node): Node =>
  typeof node.$ref === 'string' ? (resolve(node.$ref) as Node) : node;
const channelOf = (topic: string) => Object.values(channels).find((c) => c.address === topic);

describe('generated AsyncAPI document', () => {
  it('is AsyncAPI 3.0.0 with info from the root package.json and the example server', () => {
    const pkg = JSON.parse(readFileSync(join(findRepoRoot(), 'package.json'), 'utf8')) as Node;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.info).toMatchObject({ title: 'Voltlane events', version: pkg.version });
    expect(doc.servers).toEqual({
      kafka: expect.objectContaining({ host: 'localhost:9092', protocol: 'kafka' }),
    });
  });

  it('is deterministic and has no YAML anchors', () => {
    expect(generateAsyncApiDocument()).toBe(yamlText);
    expect(yamlText).not.toMatch(/^\s*[\w-]+: [&*]/m);
    expect(yamlText).not.toMatch(/\d{4}-\d{2}-\d{2}T.*generated/i);
  });

  it('resolves every $ref inside the document', () => {
    const refs = [...new Set(collectRefs(doc))];
    expect(refs.length).toBeGreaterThan(100);
    const broken = refs.filter((ref) => resolve(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('gives every channel at least one message', () => {
    for (const [id, channel] of Object.entries(channels)) {
      const messages = Object.values((channel.messages ?? {}) as Record<string, Node>);
      expect({ id, messages: messages.length > 0 }).toEqual({ id, messages: true });
      for (const message of messages) expect(deref(message)).toHaveProperty('payload');
    }
  });

  it('lets operations point at channels and at messages of those channels', () => {
    for (const [id, operation] of Object.entries(operations)) {
      expect(['send', 'receive']).toContain(operation.action);
      const channelRef = (operation.channel as Node).$ref as string;
      expect(resolve(channelRef)).toBeDefined();
      for (const message of operation.messages as Node[]) {
        expect({ id, ok: (message.$ref as string).startsWith(`${channelRef}/messages/`) }).toEqual({
          id,
          ok: true,
        });
      }
    }
  });

  describe.each(definitions.map((d) => [d.topic, d] as const))('%s', (topic, definition) => {
    it('has a channel with Kafka bindings, key schema, headers, payload and operations', () => {
      const channel = channelOf(topic)!;
      expect(channel).toBeDefined();
      expect(channel.bindings).toEqual({ kafka: { topic, bindingVersion: '0.5.0' } });
      const [message] = Object.values(channel.messages as Record<string, Node>).map(deref);
      const kafka = (message.bindings as { kafka: { key: Node } }).kafka;
      expect(kafka.key).toMatchObject({ type: 'string' });
      expect(kafka.key.description).toContain(definition.keyField);
      expect(JSON.stringify(message.headers)).toContain('EnvelopeHeaders');
      expect(JSON.stringify(message.payload)).toContain(
        `#/components/schemas/${definition.dataClass.name}`,
      );

      const dataSchema = components.schemas[definition.dataClass.name];
      expect(Object.keys(dataSchema.properties as Node)).toContain(definition.keyField);
      expect(dataSchema.required).toContain(definition.keyField);

      const channelRefs = Object.values(operations).map((o) => ({
        action: o.action,
        channel: resolve((o.channel as Node).$ref as string),
      }));
      const sends = channelRefs.filter((o) => o.channel === channel && o.action === 'send');
      const receives = channelRefs.filter((o) => o.channel === channel && o.action === 'receive');
      expect(sends).toHaveLength(definition.producers.length);
      expect(receives).toHaveLength(definition.consumers.length);
    });

    it('documents its dead-letter channel', () => {
      const dlq = channelOf(dlqTopic(topic))!;
      expect(dlq).toBeDefined();
      const [message] = Object.values(dlq.messages as Record<string, Node>).map(deref);
      expect(JSON.stringify(message.headers)).toContain('DeadLetterHeaders');
    });

    it('carries an example that the contracts accept', () => {
      const channel = channelOf(topic)!;
      const [message] = Object.values(channel.messages as Record<string, Node>).map(deref);
      const [example] = message.examples as { headers: Node; payload: unknown }[];
      const result = validateEvent(topic, example.payload);
      expect(result.ok ? [] : result.errors).toEqual([]);
      expect(example.headers['voltlane-event-type']).toBe(definition.eventType);
    });
  });
});
