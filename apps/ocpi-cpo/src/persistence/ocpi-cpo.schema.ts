/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'ocpi-cpo';
export const SCHEMA = 'ocpi_cpo';
