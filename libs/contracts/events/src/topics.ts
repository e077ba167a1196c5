/**
 * Topic names: `<domain>.<entity>.<event>.v<major>`. The major version is part of the name, so a
 * breaking change is a new topic (`.v2`) that runs beside the old one until its consumers moved;
 * additive changes keep the topic and bump the envelope's `schemaVersion` (see README.md).
 * Every topic here has exactly one definition in `event-catalog.ts` (enforced by the types there).
 */
export const Topics = {
  OcppStationConnected: 'ocpp.station.connected.v1',
  OcppStationDisconnected: 'ocpp.station.disconnected.v1',
  OcppStationBooted: 'ocpp.station.booted.v1',
  OcppConnectorStatusChanged: 'ocpp.connector.status-changed.v1',
  OcppTransactionStarted: 'ocpp.transaction.started.v1',
  OcppMeterValuesReceived: 'ocpp.meter-values.received.v1',
  OcppTransactionStopped: 'ocpp.transaction.stopped.v1',
  OcppCommandRequested: 'ocpp.command.requested.v1',
  OcppCommandCompleted: 'ocpp.command.completed.v1',
  OcppAuthorizationRequested: 'ocpp.authorization.requested.v1',
  OcppAuthorizationDecided: 'ocpp.authorization.decided.v1',
  OcppDataTransferReceived: 'ocpp.data-transfer.received.v1',
  OcppDiagnosticsStatusChanged: 'ocpp.diagnostics.status-changed.v1',
  OcppFirmwareStatusChanged: 'ocpp.firmware.status-changed.v1',
  TokenUpserted: 'token.token.upserted.v1',
  LocationUpserted: 'location.location.upserted.v1',
  TariffUpserted: 'tariff.tariff.upserted.v1',
  TariffDeleted: 'tariff.tariff.deleted.v1',
  SessionStarted: 'session.charging-session.started.v1',
  SessionUpdated: 'session.charging-session.updated.v1',
  SessionCompleted: 'session.charging-session.completed.v1',
  SessionPending: 'session.charging-session.pending.v1',
  SessionInvalidated: 'session.charging-session.invalidated.v1',
  RatingSessionCostUpdated: 'rating.session-cost.updated.v1',
  RatingSessionRated: 'rating.session.rated.v1',
  CdrCreated: 'billing.cdr.created.v1',
  InvoiceIssued: 'billing.invoice.issued.v1',
  EmspCdrReceived: 'emsp.cdr.received.v1',
  EmspSessionUpdated: 'emsp.session.updated.v1',
  EmspLocationUpdated: 'emsp.location.updated.v1',
  PlatformProbeRecorded: 'platform.probe.recorded.v1',
} as const;

export type TopicKey = keyof typeof Topics;
/** Every topic name the contracts library defines. */
export type TopicName = (typeof Topics)[TopicKey];

const SEGMENT = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
/** `<domain>.<entity>.<event>.v<major>`, each segment kebab-case, major ≥ 1. */
export const TOPIC_NAME_PATTERN = new RegExp(
  `^${SEGMENT}\\.${SEGMENT}\\.${SEGMENT}\\.v[1-9][0-9]*$`,
);
/** `<domain>.<entity>.<event>`, the envelope's `eventType`. */
export const EVENT_TYPE_PATTERN = new RegExp(`^${SEGMENT}\\.${SEGMENT}\\.${SEGMENT}$`);

export const DLQ_SUFFIX = '.dlq';

/** Dead-letter topic of a topic: `ocpp.transaction.started.v1` → `ocpp.transaction.started.v1.dlq`. */
export function dlqTopic<T extends string>(topic: T): `${T}.dlq` {
  return `${topic}${DLQ_SUFFIX}` as `${T}.dlq`;
}

export function isDlqTopic(topic: string): boolean {
  return topic.endsWith(DLQ_SUFFIX);
}

export function isValidTopicName(topic: string): boolean {
  return TOPIC_NAME_PATTERN.test(topic);
}

/** `ocpp.transaction.started.v1` → `ocpp.transaction.started`. Throws on a malformed name. */
export function eventTypeOfTopic(topic: string): string {
  assertTopicName(topic);
  return topic.slice(0, topic.lastIndexOf('.'));
}

/** `ocpp.transaction.started.v1` → `1`. Throws on a malformed name. */
export function majorVersionOfTopic(topic: string): number {
  assertTopicName(topic);
  return Number(topic.slice(topic.lastIndexOf('.') + 2));
}

function assertTopicName(topic: string): void {
  if (!isValidTopicName(topic)) {
    throw new Error(
      `"${topic}" is not a topic name of the form <domain>.<entity>.<event>.v<major>`,
    );
  }
}
