import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { AnyEventDefinition } from './event-definition';
import { EventCatalog, getEventDefinition, listTopics } from './event-catalog';
import { createEnvelope } from './event-factory';
import { validateEvent } from './event-validation';
import { VoltlaneServices } from './services';
import { EVENT_TYPE_PATTERN, TOPIC_NAME_PATTERN, Topics, eventTypeOfTopic } from './topics';

const definitions = EventCatalog as readonly AnyEventDefinition[];
const rulesOf = (definition: AnyEventDefinition) =>
  getMetadataStorage().getTargetValidationMetadatas(definition.dataClass, '', true, false);

/** The key field of each domain, as the architecture fixes it. */
const expectedKeys: Record<string, string> = {
  ...Object.fromEntries(
    Object.values(Topics)
      .filter((t) => t.startsWith('ocpp.'))
      .map((t) => [t, 'stationId']),
  ),
  [Topics.TokenUpserted]: 'uid',
  [Topics.LocationUpserted]: 'locationId',
  [Topics.TariffUpserted]: 'tariffId',
  [Topics.TariffDeleted]: 'tariffId',
  [Topics.SessionStarted]: 'sessionId',
  [Topics.SessionUpdated]: 'sessionId',
  [Topics.SessionCompleted]: 'sessionId',
  [Topics.SessionPending]: 'sessionId',
  [Topics.SessionInvalidated]: 'sessionId',
  [Topics.RatingSessionCostUpdated]: 'sessionId',
  [Topics.RatingSessionRated]: 'sessionId',
  [Topics.CdrCreated]: 'cdrId',
  [Topics.InvoiceIssued]: 'invoiceId',
  [Topics.EmspCdrReceived]: 'cdrId',
  [Topics.EmspSessionUpdated]: 'sessionId',
  [Topics.EmspLocationUpdated]: 'locationId',
  [Topics.PlatformProbeRecorded]: 'probeKey',
};

describe('EventCatalog', () => {
  it('defines every topic of Topics exactly once', () => {
    expect(listTopics().sort()).toEqual(Object.values(Topics).sort());
    for (const topic of Object.values(Topics)) expect(getEventDefinition(topic)?.topic).toBe(topic);
    expect(getEventDefinition('ocpp.unknown.thing.v1')).toBeUndefined();
  });

  it('uses data class names that are unique (they are the AsyncAPI schema names)', () => {
    const names = definitions.map((d) => d.dataClass.name);
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(definitions.map((d) => [d.topic, d] as const))('%s', (topic, definition) => {
    it('has a well-formed name, eventType and version', () => {
      expect(topic).toMatch(TOPIC_NAME_PATTERN);
      expect(definition.eventType).toBe(eventTypeOfTopic(topic));
      expect(definition.eventType).toMatch(EVENT_TYPE_PATTERN);
      expect(Number.isInteger(definition.schemaVersion) && definition.schemaVersion >= 1).toBe(
        true,
      );
      if (definition.schemaVersion > 1) expect(definition.upcast).toBeInstanceOf(Function);
    });

    it('has a data class with validation rules', () => {
      expect(rulesOf(definition).length).toBeGreaterThan(0);
    });

    it('keys by the field the architecture fixes, and that field is a validated, required property', () => {
      expect(definition.keyField).toBe(expectedKeys[topic]);
      const keyRules = rulesOf(definition).filter((m) => m.propertyName === definition.keyField);
      expect(keyRules.length).toBeGreaterThan(0);
      expect(keyRules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)).toBe(false);
      expect(typeof (definition.example as Record<string, unknown>)[definition.keyField]).toBe(
        'string',
      );
    });

    it('names producers and consumers', () => {
      expect(definition.producers.length).toBeGreaterThan(0);
      expect(definition.consumers.length).toBeGreaterThan(0);
      const known = [...VoltlaneServices, 'platform-probe', 'internal-subscribers'];
      for (const p of [...definition.producers, ...definition.consumers])
        expect(known).toContain(p);
      expect(definition.description.length).toBeGreaterThan(40);
    });

    it('has an example that passes validation', () => {
      const envelope = createEnvelope(topic as never, definition.example as never, {
        producer: definition.producers[0],
        correlationId: 'example',
        causationId: null,
      });
      const result = validateEvent(topic, JSON.parse(JSON.stringify(envelope)));
      expect(result.ok ? [] : result.errors).toEqual([]);
    });
  });
});
