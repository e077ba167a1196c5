import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  extractTraceContext,
  isRetriable,
  runInSpan,
  runWithContext,
  type SpanLink,
  spanContextOf,
  SpanKind,
} from '@voltlane/platform-core';
import {
  type ConsumerRunner,
  type ConsumerRunnerStats,
  type InboundEvent,
  KafkaPlatform,
} from '@voltlane/platform-kafka';
import {
  type BatchTransactionScope,
  IdempotentEventProcessor,
  type TransactionScope,
} from '@voltlane/platform-persistence';
import { CONSUME_EVENT_METADATA, type ConsumeEventMetadata } from './consume-event.decorator';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from './platform-runtime.options';

type Handler =
  | { batch: false; fn: (event: InboundEvent, scope: TransactionScope) => Promise<void> }
  | { batch: true; fn: (events: InboundEvent[], scope: BatchTransactionScope) => Promise<void> };

/**
 * Finds every `@ConsumeEvent(topic)` method in the application and runs them behind one consumer
 * group (the service name) through the idempotent processor: inbox, state change and outgoing
 * events in one transaction, offsets committed after it.
 */
@Injectable()
export class EventConsumerHost {
  private runner: ConsumerRunner | null = null;
  private handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly kafka: KafkaPlatform,
    private readonly processor: IdempotentEventProcessor,
    @Inject(PLATFORM_RUNTIME_OPTIONS) private readonly options: PlatformRuntimeOptions,
  ) {}

  /** Counters of the consumer runner (undefined when the service consumes nothing). */
  get stats(): ConsumerRunnerStats | undefined {
    return this.runner?.stats;
  }

  /** Topics consumed by this application's handlers. */
  discover(): string[] {
    this.handlers.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const meta = this.reflector.get<ConsumeEventMetadata | undefined>(
          CONSUME_EVENT_METADATA,
          fn as () => void,
        );
        if (!meta) continue;
        if (this.handlers.has(meta.topic)) throw new Error(`Two handlers consume ${meta.topic}`);
        const bound = (fn as (...args: unknown[]) => Promise<void>).bind(instance);
        // Every log line written while handling an event carries its ids; every event gets a
        // CONSUMER span that continues the trace of the operation that wrote it (its headers).
        const group = this.options.consumerGroup ?? this.options.serviceName;
        const withContext = meta.batch
          ? (events: InboundEvent[], scope: unknown) =>
              runInSpan(
                `process ${meta.topic}`,
                {
                  kind: SpanKind.CONSUMER,
                  links: batchLinks(events),
                  attributes: {
                    ...messagingAttributes(meta.topic, group),
                    'messaging.batch.message_count': events.length,
                  },
                },
                () =>
                  runWithContext({ topic: meta.topic, events: events.length }, () =>
                    bound(events, scope),
                  ),
              )
          : (event: InboundEvent, scope: unknown) =>
              runInSpan(
                `process ${meta.topic}`,
                {
                  kind: SpanKind.CONSUMER,
                  parent: extractTraceContext(event.headers),
                  attributes: {
                    ...messagingAttributes(meta.topic, group),
                    'messaging.message.id': event.envelope.eventId,
                    'messaging.kafka.offset': Number(event.offset),
                    'messaging.destination.partition.id': String(event.partition),
                    'voltlane.correlation_id': event.envelope.correlationId,
                  },
                },
                () =>
                  runWithContext(
                    {
                      topic: meta.topic,
                      eventId: event.envelope.eventId,
                      correlationId: event.envelope.correlationId,
                      causationId: event.envelope.causationId ?? undefined,
                    },
                    () => bound(event, scope),
                  ),
              );
        this.handlers.set(meta.topic, { batch: meta.batch, fn: withContext } as Handler);
      }
    }
    return [...this.handlers.keys()];
  }

  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    const handlers = this.handlers;
    this.runner = this.kafka.createConsumer({
      groupId: this.options.consumerGroup ?? this.options.serviceName,
      topics: [...handlers.keys()],
      isTransient: isRetriable,
      maxAttempts: this.options.consumerMaxAttempts,
      maxEventsPerCall: this.options.consumerEventsPerCall,
      // A chunk always comes from one topic-partition, so one handler serves the whole chunk.
      handler: (events) => {
        const handler = handlers.get(events[0].topic);
        if (!handler) throw new Error(`No handler for ${events[0].topic}`);
        return handler.batch
          ? this.processor.batchHandler<InboundEvent>(handler.fn)(events)
          : this.processor.handler<InboundEvent>(handler.fn)(events);
      },
    });
    await this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }
}

/** At most this many links on a batch span (OpenTelemetry's default link limit is 128). */
const MAX_BATCH_LINKS = 128;

function batchLinks(events: InboundEvent[]): SpanLink[] {
  const links: SpanLink[] = [];
  for (const event of events) {
    const context = spanContextOf(event.headers);
    if (context) {
      links.push({ context, attributes: { 'messaging.message.id': event.envelope.eventId } });
    }
    if (links.length >= MAX_BATCH_LINKS) break;
  }
  return links;
}

function messagingAttributes(topic: string, group: string): Record<string, string> {
  return {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.consumer.group.name': group,
  };
}
