export * from './data-source.factory';
export * from './snake-naming.strategy';
export * from './migration.runner';
export * from './platform-tables.sql';
export * from './outbox.writer';
export * from './outbox.relay';
export * from './idempotent-event.processor';
export * from './database.health-indicator';
