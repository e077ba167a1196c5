import {
  EnvelopeHeaders,
  EventEnvelope,
  InvalidEnvelopeHeadersError,
  envelopeFromHeaders,
  toHeaders,
  type EnvelopeMetadata,
} from './envelope';

const metadata: EnvelopeMetadata = {
  eventId: '3f0c2a4e-8b1d-4f6a-9c2e-7d5b1a0e4c93',
  eventType: 'ocpp.transaction.started',
  schemaVersion: 1,
  occurredAt: '2025-03-14T09:31:00.000Z',
  producer: 'ocpp-gateway',
  correlationId: 'flow-123',
  causationId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
};

describe('envelope headers', () => {
  it('uses one voltlane-<kebab-field> header per envelope field except data', () => {
    expect(Object.keys(EnvelopeHeaders).sort()).toEqual(
      [
        'causationId',
        'correlationId',
        'eventId',
        'eventType',
        'occurredAt',
        'producer',
        'schemaVersion',
      ].sort(),
    );
    for (const [field, header] of Object.entries(EnvelopeHeaders)) {
      const kebab = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(header).toBe(`voltlane-${kebab}`);
    }
  });

  it('maps every field to a string header', () => {
    expect(toHeaders(metadata)).toEqual({
      'voltlane-event-id': metadata.eventId,
      'voltlane-event-type': 'ocpp.transaction.started',
      'voltlane-schema-version': '1',
      'voltlane-occurred-at': '2025-03-14T09:31:00.000Z',
      'voltlane-producer': 'ocpp-gateway',
      'voltlane-correlation-id': 'flow-123',
      'voltlane-causation-id': metadata.causationId,
    });
  });

  it('leaves the causation header out for a root event and reads it back as null', () => {
    const root = { ...metadata, causationId: null };
    const headers = toHeaders(root);
    expect(headers).not.toHaveProperty(EnvelopeHeaders.causationId);
    expect({ ...envelopeFromHeaders(headers) }).toEqual(root);
  });

  it('round-trips an envelope through headers (ignoring data)', () => {
    const envelope = Object.assign(new EventEnvelope<{ a: number }>(), metadata, {
      data: { a: 1 },
    });
    const back = envelopeFromHeaders(toHeaders(envelope));
    expect({ ...back }).toEqual(metadata);
    expect(back).not.toHaveProperty('data');
  });

  it('accepts Buffer values and repeated headers (last one wins), as Kafka clients deliver them', () => {
    const headers = Object.fromEntries(
      Object.entries(toHeaders(metadata)).map(([name, value]) => [name, Buffer.from(value)]),
    );
    const back = envelopeFromHeaders({
      ...headers,
      [EnvelopeHeaders.producer]: [Buffer.from('old-producer'), 'session-engine'],
    });
    expect(back.producer).toBe('session-engine');
    expect(back.schemaVersion).toBe(1);
  });

  it('lists every missing or invalid header', () => {
    const headers: Record<string, string> = {
      ...toHeaders(metadata),
      [EnvelopeHeaders.eventId]: 'not-a-uuid',
      [EnvelopeHeaders.schemaVersion]: '1.5',
      [EnvelopeHeaders.occurredAt]: '2025-03-14T10:31:00+01:00',
    };
    delete headers[EnvelopeHeaders.producer];
    let caught: unknown;
    try {
      envelopeFromHeaders(headers);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEnvelopeHeadersError);
    const errors = (caught as InvalidEnvelopeHeadersError).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^voltlane-event-id: .*UUID/),
        'voltlane-schema-version: must be a positive integer',
        expect.stringMatching(/^voltlane-occurred-at: .*UTC/),
        'voltlane-producer: header is missing',
      ]),
    );
    expect(errors).toHaveLength(4);
    expect((caught as InvalidEnvelopeHeadersError).code).toBe('CONTRACTS.INVALID_ENVELOPE_HEADERS');
  });

  it('rejects absent headers altogether', () => {
    expect(() => envelopeFromHeaders(undefined)).toThrow(InvalidEnvelopeHeadersError);
    expect(() => envelopeFromHeaders({})).toThrow(/voltlane-event-id: header is missing/);
  });
});
