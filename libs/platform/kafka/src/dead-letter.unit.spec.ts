import { DeadLetterHeaders, dlqTopic } from '@voltlane/contracts-events';
import { buildDeadLetter, type DeadLetterInput, decodeHeaders, describeError } from './dead-letter';

class CodedError extends Error {
  readonly code = 'TARIFF.NOT_FOUND';
  constructor() {
    super('no tariff for connector 2');
    this.name = 'CodedError';
  }
}

describe('describeError', () => {
  it('uses name and message, and a string code when the error has one', () => {
    expect(describeError(new CodedError())).toEqual({
      message: 'CodedError: no tariff for connector 2',
      code: 'TARIFF.NOT_FOUND',
    });
  });

  it('falls back to the error name as code (also for non-string codes)', () => {
    expect(describeError(new TypeError('boom'))).toEqual({
      message: 'TypeError: boom',
      code: 'TypeError',
    });
    const numeric = Object.assign(new Error('x'), { code: 42 });
    expect(describeError(numeric).code).toBe('Error');
  });

  it('describes thrown non-errors as UNKNOWN', () => {
    expect(describeError('plain string')).toEqual({ message: 'plain string', code: 'UNKNOWN' });
    expect(describeError(undefined)).toEqual({ message: 'undefined', code: 'UNKNOWN' });
    expect(describeError(17).message).toBe('17');
  });

  it('caps the message at 2000 characters', () => {
    expect(describeError(new Error('x'.repeat(5_000))).message).toHaveLength(2_000);
    expect(describeError('y'.repeat(5_000)).message).toHaveLength(2_000);
  });
});

describe('buildDeadLetter', () => {
  const now = new Date('2026-03-14T09:31:00.000Z');
  const input: DeadLetterInput = {
    topic: 'ocpp.transaction.started.v1',
    partition: 4,
    offset: '1234567890123',
    key: 'CP-0001',
    value: Buffer.from('{"not":"valid"}'),
    headers: { 'voltlane-event-id': 'abc', 'x-trace': 't-1' },
    consumerGroup: 'session-engine',
    attempts: 3,
    error: new CodedError(),
    now,
  };

  it('targets <topic>.dlq and keeps the original key, bytes and headers', () => {
    const record = buildDeadLetter(input);
    expect(record.topic).toBe(dlqTopic(input.topic));
    expect(record.topic).toBe('ocpp.transaction.started.v1.dlq');
    expect(record.key).toBe('CP-0001');
    expect(record.value).toBe(input.value);
    expect(record.headers).toMatchObject(input.headers);
  });

  it('adds the error and where the message came from as headers', () => {
    expect(buildDeadLetter(input).headers).toEqual({
      ...input.headers,
      [DeadLetterHeaders.error]: 'CodedError: no tariff for connector 2',
      [DeadLetterHeaders.errorCode]: 'TARIFF.NOT_FOUND',
      [DeadLetterHeaders.originalTopic]: 'ocpp.transaction.started.v1',
      [DeadLetterHeaders.originalPartition]: '4',
      [DeadLetterHeaders.originalOffset]: '1234567890123',
      [DeadLetterHeaders.consumerGroup]: 'session-engine',
      [DeadLetterHeaders.attempts]: '3',
      [DeadLetterHeaders.failedAt]: '2026-03-14T09:31:00.000Z',
    });
  });

  it('lets its own headers win over same-named original headers', () => {
    const record = buildDeadLetter({
      ...input,
      headers: { [DeadLetterHeaders.attempts]: '99', [DeadLetterHeaders.error]: 'old' },
    });
    expect(record.headers[DeadLetterHeaders.attempts]).toBe('3');
    expect(record.headers[DeadLetterHeaders.error]).toMatch(/^CodedError/);
  });

  it('turns a missing key into an empty key and a missing value into empty bytes', () => {
    const record = buildDeadLetter({ ...input, key: null, value: null });
    expect(record.key).toBe('');
    expect(Buffer.isBuffer(record.value)).toBe(true);
    expect(record.value).toHaveLength(0);
  });

  it('stamps the current time when none is given', () => {
    const before = Date.now();
    const failedAt = buildDeadLetter({ ...input, now: undefined }).headers[
      DeadLetterHeaders.failedAt
    ];
    expect(Date.parse(failedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(failedAt)).toBeLessThanOrEqual(Date.now());
  });
});

describe('decodeHeaders', () => {
  it('returns an empty object for no headers', () => {
    expect(decodeHeaders(undefined)).toEqual({});
    expect(decodeHeaders({})).toEqual({});
  });

  it('decodes Buffer and string values as UTF-8 strings', () => {
    expect(decodeHeaders({ a: Buffer.from('ünïcode ✓'), b: 'plain' })).toEqual({
      a: 'ünïcode ✓',
      b: 'plain',
    });
  });

  it('skips undefined values and empty arrays', () => {
    expect(decodeHeaders({ a: undefined, b: [], c: 'x' })).toEqual({ c: 'x' });
  });

  it('takes the last value of a repeated header, as the envelope contract does', () => {
    expect(decodeHeaders({ a: [Buffer.from('first'), 'second', Buffer.from('last')] })).toEqual({
      a: 'last',
    });
    expect(decodeHeaders({ a: ['only'] })).toEqual({ a: 'only' });
  });
});
