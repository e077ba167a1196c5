export * from './kafka.settings';
export * from './kafka.platform';
export * from './event.producer';
export * from './consumer.runner';
export * from './dead-letter';
export * from './retry.policy';
export * from './topic.provisioner';
export * from './topic.reader';
