/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'ocpp-gateway';
export const SCHEMA = 'ocpp_gateway';
