/** The service's name (consumer group, Kafka client id, event producer) and its own schema. */
export const SERVICE_NAME = 'session-engine';
export const SCHEMA = 'session_engine';
