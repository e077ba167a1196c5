/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'cdr-billing';
export const SCHEMA = 'cdr_billing';
