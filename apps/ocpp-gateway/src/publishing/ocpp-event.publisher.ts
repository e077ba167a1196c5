import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  validateEvent,
  type TopicDataMap,
  type TopicName,
} from '@voltlane/contracts-events';
import { KafkaPlatform } from '@voltlane/platform-kafka';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { SERVICE } from '../ocpp-gateway.service';

/**
 * The gateway's two ways to publish (ADR 0010):
 * - `publishAcked`: straight to Kafka (acks=all) and resolved only when Kafka acknowledged; used
 *   for transaction messages, which the station is answered only afterwards — the station's
 *   retry of an unanswered CALL is the retry mechanism, so no outbox row is needed;
 * - `publishViaOutbox`: through the outbox in the caller's transaction, for connection, boot and
 *   status facts that stations do not retry.
 */
@Injectable()
export class OcppEventPublisher {
  constructor(
    private readonly kafka: KafkaPlatform,
    private readonly outbox: OutboxWriter,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * `contractCheck: 'by-construction'` skips the class-validator check of the event (~75 µs per
   * event, the largest CPU cost of a MeterValues CALL): only for data built by a domain function
   * whose output is proven to satisfy the contract (see sampled-values.unit.spec.ts).
   */
  async publishAcked<T extends TopicName>(
    topic: T,
    data: TopicDataMap[T],
    correlationId: string,
    options: { contractCheck?: 'validate' | 'by-construction' } = {},
  ): Promise<void> {
    const envelope = createEnvelope(topic, data, {
      producer: SERVICE.serviceName,
      correlationId,
      causationId: null,
    });
    const check =
      options.contractCheck === 'by-construction'
        ? ({ ok: true } as const)
        : validateEvent(topic, envelope);
    if (!check.ok)
      throw new Error(`outgoing ${topic} breaks its contract: ${check.errors.join('; ')}`);
    await this.kafka.producer.send([
      {
        topic,
        key: keyOf(topic, data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);
  }

  async publishViaOutbox<T extends TopicName>(
    manager: EntityManager,
    topic: T,
    data: TopicDataMap[T],
    correlationId: string,
  ): Promise<void> {
    await this.outbox.append(manager, [{ topic, data, correlationId, causationId: null }]);
  }

  /** Several events into the outbox at once, in order (the caller's transaction). */
  async appendToOutbox(
    manager: EntityManager,
    messages: { topic: TopicName; data: unknown; correlationId: string }[],
  ): Promise<void> {
    await this.outbox.append(
      manager,
      messages.map((m) => ({ ...m, causationId: null })),
    );
  }

  /** Runs `work` in one transaction (state change + outbox rows). */
  transaction<R>(work: (manager: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(work);
  }
}
