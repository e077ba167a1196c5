import {
  TOPIC_NAME_PATTERN,
  Topics,
  dlqTopic,
  eventTypeOfTopic,
  isDlqTopic,
  isValidTopicName,
  majorVersionOfTopic,
} from './topics';

describe('topic names', () => {
  it.each(Object.values(Topics))('%s follows <domain>.<entity>.<event>.v<major>', (topic) => {
    expect(topic).toMatch(TOPIC_NAME_PATTERN);
  });

  it('are unique', () => {
    const topics = Object.values(Topics);
    expect(new Set(topics).size).toBe(topics.length);
  });

  it.each([
    'ocpp.transaction.started',
    'ocpp.transaction.started.v0',
    'ocpp.transaction.started.V1',
    'Ocpp.transaction.started.v1',
    'ocpp.transaction_started.started.v1',
    'ocpp..started.v1',
    'ocpp.transaction.started.v1.dlq',
    'ocpp.transaction.-started.v1',
  ])('rejects %s', (name) => {
    expect(isValidTopicName(name)).toBe(false);
  });

  it('derives the event type and the major version', () => {
    expect(eventTypeOfTopic('ocpp.meter-values.received.v1')).toBe('ocpp.meter-values.received');
    expect(majorVersionOfTopic('session.charging-session.completed.v12')).toBe(12);
    expect(() => eventTypeOfTopic('nope')).toThrow(/not a topic name/);
  });

  it('names dead-letter topics <topic>.dlq', () => {
    const dlq: 'ocpp.transaction.started.v1.dlq' = dlqTopic(Topics.OcppTransactionStarted);
    expect(dlq).toBe('ocpp.transaction.started.v1.dlq');
    expect(isDlqTopic(dlq)).toBe(true);
    expect(isDlqTopic(Topics.OcppTransactionStarted)).toBe(false);
  });
});
