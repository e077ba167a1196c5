export * from './consume-event.decorator';
export * from './event-consumer.host';
export * from './platform-runtime.lifecycle';
export * from './platform-runtime.module';
export * from './platform-runtime.options';
export * from './migrate.command';
export * from './runtime-options.factory';
export * from './migrate.env';
