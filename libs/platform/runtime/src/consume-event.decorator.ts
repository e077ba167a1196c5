import { SetMetadata } from '@nestjs/common';

export const CONSUME_EVENT_METADATA = 'voltlane:consume-event';

export interface ConsumeEventMetadata {
  topic: string;
  batch: boolean;
}

/**
 * Marks a provider method as the handler of one topic: `(event, scope) => Promise<void>`. It runs
 * inside the idempotent transaction of the service's consumer group (see IdempotentEventProcessor),
 * so every write goes through `scope.manager` and every outgoing event through `scope.publish`.
 */
export const ConsumeEvent = (topic: string): MethodDecorator =>
  SetMetadata(CONSUME_EVENT_METADATA, { topic, batch: false } satisfies ConsumeEventMetadata);

/**
 * Like ConsumeEvent, for set-based handlers: `(events, scope) => Promise<void>` receives every new
 * event of a chunk (all from one topic-partition, in offset order) at once.
 */
export const ConsumeEventBatch = (topic: string): MethodDecorator =>
  SetMetadata(CONSUME_EVENT_METADATA, { topic, batch: true } satisfies ConsumeEventMetadata);
