import { IsInt, IsString, Min, ValidationTypes, getMetadataStorage } from 'class-validator';
import { EventEnvelope } from './envelope';
import type { AnyEventDefinition } from './event-definition';
import { EventCatalog, getEventDefinition } from './event-catalog';
import { EventContractError, causedBy, createEnvelope, keyOf } from './event-factory';
import { parseEvent, validateEvent, validateEventAgainst } from './event-validation';
import { Topics } from './topics';
import type { TransactionStartedV1 } from './ocpp/transaction-started/v1';

type Json = Record<string, unknown>;
const definitions = EventCatalog as readonly AnyEventDefinition[];

/** A valid envelope (as parsed JSON) for a topic, built from the definition's example. */
function goodEvent(topic: string): Json {
  const definition = getEventDefinition(topic)!;
  const envelope = createEnvelope(topic as never, definition.example as never, {
    producer: definition.producers[0],
    correlationId: '5b0f7c3e-1d2a-4e8b-9f60-3c7a1b2d4e5f',
    causationId: null,
    eventId: '2c9d4f1a-7b3e-4a6c-8d5f-0e1b2a3c4d5e',
    occurredAt: '2025-03-14T09:31:00.000Z',
  });
  return JSON.parse(JSON.stringify(envelope)) as Json;
}

function errorsOf(topic: string, json: unknown): string[] {
  const result = validateEvent(topic, json);
  return result.ok ? [] : result.errors;
}

function propertiesOf(definition: AnyEventDefinition): { name: string; optional: boolean }[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(
    definition.dataClass,
    '',
    true,
    false,
  );
  const names = [...new Set(rules.map((r) => r.propertyName))];
  return names.map((name) => ({
    name,
    optional: rules.some(
      (r) => r.propertyName === name && r.type === ValidationTypes.CONDITIONAL_VALIDATION,
    ),
  }));
}

describe('validateEvent', () => {
  describe.each(definitions.map((d) => [d.topic, d] as const))('%s', (topic, definition) => {
    it('accepts a good event and returns typed data class instances', () => {
      const result = validateEvent(topic, goodEvent(topic));
      expect(result.ok ? [] : result.errors).toEqual([]);
      if (!result.ok) return;
      expect(result.envelope).toBeInstanceOf(EventEnvelope);
      expect(result.envelope.data).toBeInstanceOf(definition.dataClass);
      expect(result.envelope.eventType).toBe(definition.eventType);
    });

    it('rejects each required field when missing', () => {
      for (const { name } of propertiesOf(definition).filter((p) => !p.optional)) {
        const event = goodEvent(topic);
        delete (event.data as Json)[name];
        expect(errorsOf(topic, event)).toContain(`data.${name}: is required`);
      }
    });

    it('rejects every field with a wrong type, and null for optional fields', () => {
      for (const { name, optional } of propertiesOf(definition)) {
        const event = goodEvent(topic);
        const data = event.data as Json;
        data[name] = typeof data[name] === 'boolean' ? 'yes' : true;
        expect({ name, errors: errorsOf(topic, event).length > 0 }).toEqual({ name, errors: true });
        if (optional) {
          data[name] = null;
          expect({ name, nullRejected: errorsOf(topic, event).length > 0 }).toEqual({
            name,
            nullRejected: true,
          });
        }
      }
    });

    it('rejects the event on another topic (eventType mismatch)', () => {
      const other = definitions.find((d) => d.topic !== topic)!;
      const event = goodEvent(topic);
      expect(errorsOf(other.topic, event)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^eventType: .* does not belong on topic/)]),
      );
    });
  });

  describe('envelope rules', () => {
    const topic = Topics.OcppTransactionStarted;

    it.each([
      ['eventId', 'not-a-uuid', /^eventId: .*UUID/],
      ['eventId', '2c9d4f1a-7b3e-1a6c-8d5f-0e1b2a3c4d5e', /^eventId: .*UUID/], // uuid v1
      ['eventType', 'ocpp.transaction.stopped', /^eventType: .* does not belong/],
      ['eventType', 'OCPP Transaction', /^eventType: /],
      ['schemaVersion', 0, /^schemaVersion: /],
      ['schemaVersion', '1', /^schemaVersion: /],
      ['schemaVersion', 1.5, /^schemaVersion: /],
      ['occurredAt', '2025-03-14T10:31:00+01:00', /^occurredAt: .*UTC/],
      ['occurredAt', '2025-02-30T10:31:00Z', /^occurredAt: /],
      ['occurredAt', 1741944660000, /^occurredAt: /],
      ['producer', 'Session Engine', /^producer: .*kebab-case/],
      ['correlationId', '', /^correlationId: /],
      ['causationId', undefined, /^causationId: is required/],
      ['causationId', 42, /^causationId: /],
      ['data', 'text', /^data: /],
      ['data', [], /^data: /],
    ])('rejects %s = %p', (field, value, expected) => {
      const event = goodEvent(topic);
      if (value === undefined) delete event[field];
      else event[field] = value;
      expect(errorsOf(topic, event)).toEqual(
        expect.arrayContaining([expect.stringMatching(expected)]),
      );
    });

    it('accepts a causationId string', () => {
      expect(errorsOf(topic, { ...goodEvent(topic), causationId: 'evt-1' })).toEqual([]);
    });

    it.each([null, 'text', 42, []])('rejects a non-object envelope %p', (json) => {
      expect(errorsOf(topic, json)).toEqual(['envelope must be a JSON object']);
    });

    it('rejects an unknown topic', () => {
      expect(errorsOf('ocpp.unknown.thing.v1', goodEvent(topic))).toEqual([
        'unknown topic "ocpp.unknown.thing.v1"',
      ]);
    });
  });

  describe('data rules', () => {
    it('reports nested errors with their path', () => {
      const event = goodEvent(Topics.OcppMeterValuesReceived);
      const values = (event.data as Json).sampledValues as Json[];
      values[1].unit = 'kW/h';
      values[2].timestamp = '2025-03-14 09:46:00';
      expect(errorsOf(Topics.OcppMeterValuesReceived, event)).toEqual([
        expect.stringMatching(/^data\.sampledValues\.1\.unit: /),
        expect.stringMatching(/^data\.sampledValues\.2\.timestamp: /),
      ]);
    });

    it('rejects an empty sampledValues array and a non-object item', () => {
      const event = goodEvent(Topics.OcppMeterValuesReceived);
      (event.data as Json).sampledValues = [];
      expect(errorsOf(Topics.OcppMeterValuesReceived, event)).toEqual([
        expect.stringMatching(/^data\.sampledValues: .*at least 1/),
      ]);
      (event.data as Json).sampledValues = ['12.5'];
      expect(errorsOf(Topics.OcppMeterValuesReceived, event).length).toBeGreaterThan(0);
    });

    it.each([
      ['stationId', 'station with spaces'],
      ['stationId', 'x'.repeat(49)],
      ['connectorId', 0],
      ['connectorId', 1.5],
      ['meterStartWh', -1],
      ['idTag', ''],
      ['idTagStatus', 'accepted'],
      ['transactionId', 100017],
      ['timestamp', '2025-03-14T09:31:00'],
    ])('rejects ocpp.transaction.started data.%s = %p', (field, value) => {
      const event = goodEvent(Topics.OcppTransactionStarted);
      (event.data as Json)[field] = value;
      expect(errorsOf(Topics.OcppTransactionStarted, event)).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^data\\.${field}: `))]),
      );
    });

    it('checks that the carried OCPI object matches the ids beside it', () => {
      const event = goodEvent(Topics.SessionStarted);
      ((event.data as Json).session as Json).id = 'another-session';
      expect(errorsOf(Topics.SessionStarted, event)).toEqual([
        expect.stringMatching(/^data\.session: .*id = sessionId/),
      ]);
    });

    it('validates ISO codes strictly', () => {
      const event = goodEvent(Topics.TariffUpserted);
      (event.data as Json).currency = 'EUX';
      ((event.data as Json).tariff as Json).currency = 'EUX';
      (event.data as Json).countryCode = 'nl';
      expect(errorsOf(Topics.TariffUpserted, event)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^data\.currency: /),
          expect.stringMatching(/^data\.countryCode: /),
        ]),
      );
    });

    it('requires creditReferenceId on credit CDRs only', () => {
      const event = goodEvent(Topics.CdrCreated);
      (event.data as Json).credit = true;
      expect(errorsOf(Topics.CdrCreated, event)).toEqual(['data.creditReferenceId: is required']);
      (event.data as Json).creditReferenceId = 'CDR-2025-0314-000001';
      expect(errorsOf(Topics.CdrCreated, event)).toEqual([]);
    });

    it('tolerates and keeps unknown fields (forward compatibility)', () => {
      const event = goodEvent(Topics.OcppMeterValuesReceived);
      event.tenantId = 'tenant-a';
      (event.data as Json).newOptionalField = { anything: 1 };
      ((event.data as Json).sampledValues as Json[])[0].quality = 'good';
      const result = validateEvent(Topics.OcppMeterValuesReceived, event);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect((result.envelope.data as unknown as Json).newOptionalField).toEqual({ anything: 1 });
      expect((result.envelope.data.sampledValues[0] as unknown as Json).quality).toBe('good');
    });

    it('is typed by topic', () => {
      const result = validateEvent(
        Topics.OcppTransactionStarted,
        goodEvent(Topics.OcppTransactionStarted),
      );
      if (!result.ok) throw new Error(result.errors.join('; '));
      const data: TransactionStartedV1 = result.envelope.data;
      expect(data.meterStartWh).toBe(1_254_300);
    });
  });

  describe('schemaVersion and upcasting', () => {
    class CounterV2 {
      @IsString()
      counterId: string;

      @IsInt()
      @Min(0)
      count: number;
    }
    const definition = {
      topic: 'test.counter.changed.v1',
      eventType: 'test.counter.changed',
      schemaVersion: 2,
      dataClass: CounterV2,
      upcast: (data: unknown, fromVersion: number) => {
        expect(fromVersion).toBe(1);
        const { value, ...rest } = data as { value: number };
        return { ...rest, count: value };
      },
    };
    const envelope = (schemaVersion: number, data: Json): Json => ({
      eventId: '2c9d4f1a-7b3e-4a6c-8d5f-0e1b2a3c4d5e',
      eventType: 'test.counter.changed',
      schemaVersion,
      occurredAt: '2025-03-14T09:31:00Z',
      producer: 'test-producer',
      correlationId: 'c',
      causationId: null,
      data,
    });

    it('upcasts older data and reports the current version', () => {
      const input = envelope(1, { counterId: 'a', value: 3 });
      const result = validateEventAgainst(definition, input);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.envelope.schemaVersion).toBe(2);
      expect({ ...result.envelope.data }).toEqual({ counterId: 'a', count: 3 });
      expect(input.data).toEqual({ counterId: 'a', value: 3 });
    });

    it('validates the upcast result', () => {
      const result = validateEventAgainst(definition, envelope(1, { counterId: 'a', value: -1 }));
      expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^data\.count: /)]);
    });

    it('refuses older data without an upcaster', () => {
      const result = validateEventAgainst(
        { ...definition, upcast: undefined },
        envelope(1, { counterId: 'a', value: 3 }),
      );
      expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/has no upcaster/)]);
    });

    it('reports a throwing upcaster as an error', () => {
      const result = validateEventAgainst(
        {
          ...definition,
          upcast: () => {
            throw new Error('boom');
          },
        },
        envelope(1, {}),
      );
      expect(result.ok ? [] : result.errors).toEqual([
        expect.stringMatching(/upcasting from 1 failed: .*boom/),
      ]);
    });

    it('reads newer (additive) versions with the current class and keeps their version', () => {
      const result = validateEventAgainst(
        definition,
        envelope(3, { counterId: 'a', count: 1, extra: true }),
      );
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.envelope.schemaVersion).toBe(3);
    });
  });
});

describe('parseEvent', () => {
  it('parses bytes then validates', () => {
    const raw = Buffer.from(JSON.stringify(goodEvent(Topics.PlatformProbeRecorded)));
    expect(parseEvent(Topics.PlatformProbeRecorded, raw).ok).toBe(true);
  });

  it('reports invalid JSON', () => {
    const result = parseEvent(Topics.PlatformProbeRecorded, '{"eventId":');
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^value is not JSON: /)]);
  });
});

describe('createEnvelope', () => {
  const data: TransactionStartedV1 = {
    stationId: 'CP-1',
    connectorId: 1,
    idTag: 'TAG',
    idTagStatus: 'Accepted',
    meterStartWh: 0,
    timestamp: '2025-03-14T09:31:00Z',
    transactionId: '1',
  };

  it('fills eventType, schemaVersion, a uuid v4 eventId and occurredAt', () => {
    const before = Date.now();
    const envelope = createEnvelope(Topics.OcppTransactionStarted, data, {
      producer: 'ocpp-gateway',
      correlationId: 'flow-1',
      causationId: null,
    });
    expect(envelope).toBeInstanceOf(EventEnvelope);
    expect(envelope.eventType).toBe('ocpp.transaction.started');
    expect(envelope.schemaVersion).toBe(1);
    expect(envelope.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(Date.parse(envelope.occurredAt)).toBeGreaterThanOrEqual(before - 1);
    expect(envelope.data).toBe(data);
    expect(Object.keys(envelope)).toEqual([
      'eventId',
      'eventType',
      'schemaVersion',
      'occurredAt',
      'producer',
      'correlationId',
      'causationId',
      'data',
    ]);
    expect(
      validateEvent(Topics.OcppTransactionStarted, JSON.parse(JSON.stringify(envelope))).ok,
    ).toBe(true);
  });

  it('keeps a given eventId and occurredAt, and chains with causedBy', () => {
    const cause = createEnvelope(Topics.OcppTransactionStarted, data, {
      producer: 'ocpp-gateway',
      correlationId: 'flow-1',
      causationId: null,
      eventId: '2c9d4f1a-7b3e-4a6c-8d5f-0e1b2a3c4d5e',
      occurredAt: '2025-01-01T00:00:00Z',
    });
    expect(cause.eventId).toBe('2c9d4f1a-7b3e-4a6c-8d5f-0e1b2a3c4d5e');
    expect(cause.occurredAt).toBe('2025-01-01T00:00:00Z');
    expect(causedBy(cause)).toEqual({ correlationId: 'flow-1', causationId: cause.eventId });
  });

  it('is typed by topic and refuses unknown topics', () => {
    expect(() =>
      createEnvelope(
        // @ts-expect-error not a topic
        'ocpp.unknown.thing.v1',
        data,
        { producer: 'x', correlationId: 'c', causationId: null },
      ),
    ).toThrow(EventContractError);
    // @ts-expect-error meter values data is not transaction started data
    createEnvelope(Topics.OcppMeterValuesReceived, data, {
      producer: 'x',
      correlationId: 'c',
      causationId: null,
    });
  });
});

describe('keyOf', () => {
  it.each(definitions.map((d) => [d.topic, d] as const))(
    '%s: reads data.<keyField>',
    (topic, definition) => {
      const expected = (definition.example as Json)[definition.keyField];
      expect(keyOf(topic as never, definition.example as never)).toBe(expected);
    },
  );

  it('keys ocpp events by stationId', () => {
    const key: string = keyOf(Topics.OcppTransactionStarted, {
      ...getEventDefinition(Topics.OcppTransactionStarted).example,
      stationId: 'CP-XYZ',
    });
    expect(key).toBe('CP-XYZ');
  });

  it('throws a coded error for a missing key or an unknown topic', () => {
    const data = { ...getEventDefinition(Topics.SessionCompleted).example, sessionId: '' };
    expect(() => keyOf(Topics.SessionCompleted, data)).toThrow(
      /data.sessionId \(the message key\)/,
    );
    try {
      keyOf('nope.nope.nope.v1' as never, {} as never);
    } catch (error) {
      expect((error as EventContractError).code).toBe('CONTRACTS.UNKNOWN_TOPIC');
    }
    expect.assertions(2);
  });
});
