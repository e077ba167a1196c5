import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { validateEvent, type EventEnvelope } from '@voltlane/contracts-events';
import { buildDeadLetter, decodeHeaders } from './dead-letter';
import type { EventProducer } from './event.producer';
import type { KafkaLogger } from './kafka.settings';
import { backoffDelay, decideOnFailure, type BackoffSettings } from './retry.policy';

/** One validated event as a consumer sees it. */
export interface InboundEvent<T = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  envelope: EventEnvelope<T>;
  /** The bytes as received, kept so a dead letter carries exactly what arrived. */
  value: Buffer;
}

interface ReceivedRecord {
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Applies events of one partition, in order, atomically: either every event of the call took
 * effect or none did (e.g. one DB transaction). The runner relies on that to retry safely.
 */
export type EventBatchHandler = (events: InboundEvent[]) => Promise<void>;

export interface ConsumerRunnerOptions {
  groupId: string;
  topics: string[];
  handler: EventBatchHandler;
  /** Classifies an error as transient (retried until it passes) or not (retried, then DLQ). */
  isTransient: (err: unknown) => boolean;
  maxAttempts?: number;
  backoff?: BackoffSettings;
  /** Events handed to the handler per call (one DB transaction in idempotent handlers). */
  maxEventsPerCall?: number;
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  fromBeginning?: boolean;
}

export interface ConsumerRunnerStats {
  processed: number;
  deadLettered: number;
  retries: number;
}

class StopProcessing extends Error {}

/**
 * Consumer loop for one consumer group: decodes and validates every message against the event
 * contracts, hands ordered chunks to the handler, commits the next offset only after the handler
 * succeeded, isolates a failing event by falling back to one-by-one processing, retries with backoff
 * and dead-letters poison messages to `<topic>.dlq` (with the error in headers) so a partition never
 * blocks on one bad message.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffSettings;
  private readonly maxEventsPerCall: number;
  private running = false;
  private crashed: Error | null = null;
  /** eachBatch calls in progress, and who waits for them to end (`stop()`). */
  private activeBatches = 0;
  private idleWaiters: (() => void)[] = [];
  readonly stats: ConsumerRunnerStats = { processed: 0, deadLettered: 0, retries: 0 };

  constructor(
    kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly options: ConsumerRunnerOptions,
    private readonly logger: KafkaLogger,
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoff = options.backoff ?? { initialMs: 200, maxMs: 10_000 };
    this.maxEventsPerCall = options.maxEventsPerCall ?? 500;
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload as { error: Error; restart: boolean };
      this.logger.error('kafka consumer crashed', {
        groupId: options.groupId,
        error: String(error),
        restart,
      });
      if (!restart) this.crashed = error;
    });
  }

  /** Healthy while running and not crashed beyond kafkajs' own restart. */
  get health(): { running: boolean; crashed: Error | null } {
    return { running: this.running, crashed: this.crashed };
  }

  async start(): Promise<void> {
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: this.options.topics,
        fromBeginning: this.options.fromBeginning ?? true,
      });
      this.running = true;
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        eachBatch: (payload) => this.trackBatch(payload),
      });
    } catch (err) {
      // stop() would be a no-op now: release the connection here rather than leak it.
      this.running = false;
      await this.consumer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Stops fetching, lets the in-flight chunk finish (its offsets are committed), disconnects.
   * The in-flight work is awaited *before* kafkajs is told to stop: once kafkajs' runner stops,
   * `commitOffsets` silently does nothing, and the finished chunk would be redelivered.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.batchesDone();
    await this.consumer.disconnect();
  }

  private async trackBatch(payload: EachBatchPayload): Promise<void> {
    this.activeBatches += 1;
    try {
      await this.onBatch(payload);
    } finally {
      this.activeBatches -= 1;
      if (this.activeBatches === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private batchesDone(): Promise<void> {
    if (this.activeBatches === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale, heartbeat } = payload;
    const alive = () => this.running && isRunning() && !isStale();
    let chunk: InboundEvent[] = [];
    try {
      for (const message of batch.messages) {
        if (!alive()) return;
        const decoded = this.decode(batch.topic, batch.partition, message);
        if (decoded.ok) {
          chunk.push(decoded.event);
          if (chunk.length >= this.maxEventsPerCall) {
            await this.processChunk(chunk, payload, alive);
            chunk = [];
            await heartbeat();
          }
          continue;
        }
        await this.processChunk(chunk, payload, alive);
        chunk = [];
        const raw: ReceivedRecord = {
          offset: message.offset,
          key: message.key ? message.key.toString() : null,
          value: message.value,
          headers: decodeHeaders(message.headers),
        };
        await this.deadLetter(batch.topic, batch.partition, raw, decoded.error, 1, alive);
        await this.commit(batch.topic, batch.partition, message.offset, payload);
      }
      await this.processChunk(chunk, payload, alive);
    } catch (err) {
      if (err instanceof StopProcessing) return; // uncommitted work is redelivered after rebalance/restart
      throw err;
    }
  }

  private decode(
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): { ok: true; event: InboundEvent } | { ok: false; error: Error } {
    if (!message.value || message.value.length === 0) {
      return { ok: false, error: new PoisonMessageError('empty message value') };
    }
    let json: unknown;
    try {
      json = JSON.parse(message.value.toString('utf8'));
    } catch (err) {
      return { ok: false, error: new PoisonMessageError(`value is not JSON: ${String(err)}`) };
    }
    const result = validateEvent(topic, json);
    if (!result.ok) {
      return {
        ok: false,
        error: new PoisonMessageError(`invalid event: ${result.errors.join('; ')}`),
      };
    }
    return {
      ok: true,
      event: {
        topic,
        partition,
        offset: message.offset,
        key: message.key ? message.key.toString() : null,
        headers: decodeHeaders(message.headers),
        envelope: result.envelope as EventEnvelope<unknown>,
        value: message.value,
      },
    };
  }

  private async processChunk(
    chunk: InboundEvent[],
    payload: EachBatchPayload,
    alive: () => boolean,
  ): Promise<void> {
    if (chunk.length === 0) return;
    // Throw rather than return: a caller must not commit anything past an unprocessed chunk.
    if (!alive()) throw new StopProcessing();
    const failure = await this.attempt(chunk);
    if (!failure) {
      this.stats.processed += chunk.length;
      const last = chunk[chunk.length - 1];
      // Outside the handler's error handling: a failed commit is not a failed event (the events
      // took effect); it propagates to kafkajs, which rejoins, and the chunk is redelivered.
      await this.commit(last.topic, last.partition, last.offset, payload);
      return;
    }
    if (chunk.length > 1) {
      this.logger.warn('event chunk failed; isolating events one by one', {
        topic: chunk[0].topic,
        partition: chunk[0].partition,
        events: chunk.length,
        error: String(failure.error),
      });
    }
    for (const event of chunk) {
      await this.processOne(event, payload, alive);
    }
  }

  private async processOne(
    event: InboundEvent,
    payload: EachBatchPayload,
    alive: () => boolean,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const failure = await this.attempt([event]);
      if (!failure) {
        this.stats.processed += 1;
        await this.commit(event.topic, event.partition, event.offset, payload);
        return;
      }
      const err = failure.error;
      const decision = decideOnFailure(this.options.isTransient(err), attempt, this.maxAttempts);
      const fields = {
        topic: event.topic,
        partition: event.partition,
        offset: event.offset,
        eventId: event.envelope.eventId,
        correlationId: event.envelope.correlationId,
        attempt,
        decision,
        error: String(err),
      };
      if (decision === 'dead-letter') {
        this.logger.error('event failed permanently; dead-lettering', fields);
        await this.deadLetter(event.topic, event.partition, event, err, attempt, alive);
        await this.commit(event.topic, event.partition, event.offset, payload);
        return;
      }
      this.logger.warn('event failed; retrying', fields);
      this.stats.retries += 1;
      await this.pause(backoffDelay(attempt, this.backoff), payload, alive);
    }
  }

  /** Calls the handler; returns its failure, wrapped (a handler may throw even `undefined`). */
  private async attempt(events: InboundEvent[]): Promise<{ error: unknown } | null> {
    try {
      await this.options.handler(events);
      return null;
    } catch (error) {
      return { error };
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: ReceivedRecord,
    error: unknown,
    attempts: number,
    alive: () => boolean,
  ): Promise<void> {
    const record = buildDeadLetter({
      topic,
      partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers,
      consumerGroup: this.options.groupId,
      attempts,
      error,
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.send([record]);
        this.stats.deadLettered += 1;
        this.logger.warn('message dead-lettered', {
          topic,
          partition,
          offset: message.offset,
          dlq: record.topic,
          error: String(error),
        });
        return;
      } catch (err) {
        this.logger.warn('dead-letter publish failed; retrying', { topic, error: String(err) });
        await this.pause(backoffDelay(attempt, this.backoff), undefined, alive);
      }
    }
  }

  private async commit(
    topic: string,
    partition: number,
    offset: string,
    payload: EachBatchPayload,
  ): Promise<void> {
    payload.resolveOffset(offset);
    await this.consumer.commitOffsets([
      { topic, partition, offset: (BigInt(offset) + 1n).toString() },
    ]);
  }

  private async pause(
    ms: number,
    payload: EachBatchPayload | undefined,
    alive: () => boolean,
  ): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!alive()) throw new StopProcessing();
      await new Promise((r) => setTimeout(r, Math.min(250, until - Date.now())));
      if (payload) await payload.heartbeat().catch(() => undefined);
    }
    if (!alive()) throw new StopProcessing();
  }
}

/** A message that can never be processed: not JSON, not a valid event. Dead-lettered at once. */
export class PoisonMessageError extends Error {
  readonly code = 'PLATFORM.POISON_MESSAGE';
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
