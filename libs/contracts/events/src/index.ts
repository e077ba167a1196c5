// @voltlane/contracts-events: event envelope, topics, one data class per event, validation and the
// AsyncAPI document. Pure TypeScript: no Nest, kafkajs or TypeORM imports (Nx type:contract).

export * from './topics';
export * from './services';
export * from './envelope';
export * from './event-definition';
export * from './event-catalog';
export * from './event-validation';
export * from './event-factory';

export { isUtcDateTime, UTC_DATE_TIME_PATTERN, STATION_ID_PATTERN } from './common/validators';
export { PriceV1 } from './common/price';
export * from './common/ocpi-enums';
export * from './common/ocpp-enums';
export { OcppSampledValueV1 } from './common/ocpp-sampled-value';

export * from './ocpp/station-connected/v1';
export * from './ocpp/station-disconnected/v1';
export * from './ocpp/station-booted/v1';
export * from './ocpp/connector-status-changed/v1';
export * from './ocpp/transaction-started/v1';
export * from './ocpp/meter-values-received/v1';
export * from './ocpp/transaction-stopped/v1';
export * from './ocpp/command-requested/v1';
export * from './ocpp/command-completed/v1';
export * from './ocpp/authorization-requested/v1';
export * from './ocpp/authorization-decided/v1';
export * from './ocpp/data-transfer-received/v1';
export * from './ocpp/diagnostics-status-changed/v1';
export * from './ocpp/firmware-status-changed/v1';
export * from './token/token-upserted/v1';
export * from './location/location-upserted/v1';
export * from './tariff/tariff-upserted/v1';
export * from './tariff/tariff-deleted/v1';
export * from './session/charging-session-started/v1';
export * from './session/charging-session-updated/v1';
export * from './session/charging-session-completed/v1';
export * from './session/charging-session-pending/v1';
export * from './session/charging-session-invalidated/v1';
export * from './rating/session-cost-updated/v1';
export * from './rating/session-rated/v1';
export * from './billing/cdr-created/v1';
export * from './billing/invoice-issued/v1';
export * from './emsp/cdr-received/v1';
export * from './emsp/session-updated/v1';
export * from './emsp/location-updated/v1';
export * from './platform/probe-recorded/v1';
