/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'ocpi-emsp';
export const SCHEMA = 'ocpi_emsp';
