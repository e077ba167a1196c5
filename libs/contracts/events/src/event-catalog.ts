import type { AnyEventDefinition, EventDefinition } from './event-definition';
import { CdrCreatedV1Definition } from './billing/cdr-created/v1';
import { InvoiceIssuedV1Definition } from './billing/invoice-issued/v1';
import { EmspCdrReceivedV1Definition } from './emsp/cdr-received/v1';
import { EmspLocationUpdatedV1Definition } from './emsp/location-updated/v1';
import { EmspSessionUpdatedV1Definition } from './emsp/session-updated/v1';
import { LocationUpsertedV1Definition } from './location/location-upserted/v1';
import { AuthorizationDecidedV1Definition } from './ocpp/authorization-decided/v1';
import { AuthorizationRequestedV1Definition } from './ocpp/authorization-requested/v1';
import { CommandCompletedV1Definition } from './ocpp/command-completed/v1';
import { CommandRequestedV1Definition } from './ocpp/command-requested/v1';
import { ConnectorStatusChangedV1Definition } from './ocpp/connector-status-changed/v1';
import { DataTransferReceivedV1Definition } from './ocpp/data-transfer-received/v1';
import { DiagnosticsStatusChangedV1Definition } from './ocpp/diagnostics-status-changed/v1';
import { FirmwareStatusChangedV1Definition } from './ocpp/firmware-status-changed/v1';
import { MeterValuesReceivedV1Definition } from './ocpp/meter-values-received/v1';
import { StationBootedV1Definition } from './ocpp/station-booted/v1';
import { StationConnectedV1Definition } from './ocpp/station-connected/v1';
import { StationDisconnectedV1Definition } from './ocpp/station-disconnected/v1';
import { TransactionStartedV1Definition } from './ocpp/transaction-started/v1';
import { TransactionStoppedV1Definition } from './ocpp/transaction-stopped/v1';
import { ProbeRecordedV1Definition } from './platform/probe-recorded/v1';
import { SessionCostUpdatedV1Definition } from './rating/session-cost-updated/v1';
import { SessionRatedV1Definition } from './rating/session-rated/v1';
import { ChargingSessionCompletedV1Definition } from './session/charging-session-completed/v1';
import { ChargingSessionInvalidatedV1Definition } from './session/charging-session-invalidated/v1';
import { ChargingSessionPendingV1Definition } from './session/charging-session-pending/v1';
import { ChargingSessionStartedV1Definition } from './session/charging-session-started/v1';
import { ChargingSessionUpdatedV1Definition } from './session/charging-session-updated/v1';
import { TariffDeletedV1Definition } from './tariff/tariff-deleted/v1';
import { TariffUpsertedV1Definition } from './tariff/tariff-upserted/v1';
import { TokenUpsertedV1Definition } from './token/token-upserted/v1';
import type { TopicName } from './topics';

/** Every event definition, in the order of the architecture's topic catalogue. */
export const EventCatalog = [
  StationConnectedV1Definition,
  StationDisconnectedV1Definition,
  StationBootedV1Definition,
  ConnectorStatusChangedV1Definition,
  TransactionStartedV1Definition,
  MeterValuesReceivedV1Definition,
  TransactionStoppedV1Definition,
  CommandRequestedV1Definition,
  CommandCompletedV1Definition,
  AuthorizationRequestedV1Definition,
  AuthorizationDecidedV1Definition,
  DataTransferReceivedV1Definition,
  DiagnosticsStatusChangedV1Definition,
  FirmwareStatusChangedV1Definition,
  TokenUpsertedV1Definition,
  LocationUpsertedV1Definition,
  TariffUpsertedV1Definition,
  TariffDeletedV1Definition,
  ChargingSessionStartedV1Definition,
  ChargingSessionUpdatedV1Definition,
  ChargingSessionCompletedV1Definition,
  ChargingSessionPendingV1Definition,
  ChargingSessionInvalidatedV1Definition,
  SessionCostUpdatedV1Definition,
  SessionRatedV1Definition,
  CdrCreatedV1Definition,
  EmspCdrReceivedV1Definition,
  EmspSessionUpdatedV1Definition,
  EmspLocationUpdatedV1Definition,
  InvoiceIssuedV1Definition,
  ProbeRecordedV1Definition,
] as const;

type CatalogEntry = (typeof EventCatalog)[number];

/** Topic name → data class instance type: `TopicDataMap['ocpp.transaction.started.v1']`. */
export type TopicDataMap = {
  [D in CatalogEntry as D['topic']]: D extends EventDefinition<string, infer TData> ? TData : never;
};

/** The definition type of one topic. */
export type EventDefinitionOf<T extends TopicName> = EventDefinition<T, TopicDataMap[T]>;

// Compile-time completeness: every topic in `Topics` has a definition and vice versa.
type Missing = Exclude<TopicName, keyof TopicDataMap>;
type Unknown = Exclude<keyof TopicDataMap, TopicName>;
const catalogIsComplete: [Missing, Unknown] extends [never, never] ? true : never = true;
void catalogIsComplete;

const byTopic: ReadonlyMap<string, AnyEventDefinition> = new Map(
  EventCatalog.map((definition) => [definition.topic, definition as AnyEventDefinition]),
);
if (byTopic.size !== EventCatalog.length) {
  throw new Error('EventCatalog defines a topic more than once');
}

/** The definition of a topic; `undefined` for a topic the library does not know. */
export function getEventDefinition<T extends TopicName>(topic: T): EventDefinitionOf<T>;
export function getEventDefinition(topic: string): AnyEventDefinition | undefined;
export function getEventDefinition(topic: string): AnyEventDefinition | undefined {
  return byTopic.get(topic);
}

/** Every topic name in catalogue order. */
export function listTopics(): TopicName[] {
  return EventCatalog.map((definition) => definition.topic);
}
