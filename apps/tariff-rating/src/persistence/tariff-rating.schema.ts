/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'tariff-rating';
export const SCHEMA = 'tariff_rating';
