import { randomUUID } from 'node:crypto';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Topics, type AuthorizationDecidedV1 } from '@voltlane/contracts-events';
import { createLogger, isRetriable } from '@voltlane/platform-core';
import { KafkaPlatform, type ConsumerRunner } from '@voltlane/platform-kafka';
import { MetricsService } from '@voltlane/platform-service';
import { gatewayInstanceId } from '../config/gateway-instance-id';
import { OcppGatewayEnv } from '../config/ocpp-gateway.env';
import type { RealTimeDecision } from '../domain/authorization-policy';
import { SERVICE } from '../ocpp-gateway.service';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

export interface RealTimeAuthorizationRequest {
  stationId: string;
  idTag: string;
  connectorId?: number;
  correlationId: string;
}

interface Waiter {
  resolve(decision: RealTimeDecision | null): void;
  timer: NodeJS.Timeout;
}

/**
 * Real-time authorization over Kafka (ADR 0014): publishes `ocpp.authorization.requested` (straight
 * to Kafka, acks=all) and waits, bounded by OCPP_REALTIME_AUTHORIZATION_TIMEOUT_MS, for the
 * `ocpp.authorization.decided` with the same requestId. Every replica reads every decision in a
 * consumer group of its own (`ocpp-gateway-authorizations-<instanceId>`, from the latest offset) and
 * resolves the requests it is waiting for; storing decisions for later is the shared-group
 * consumer's job (AuthorizationDecidedConsumer). Resolves null when no decision came in time or the
 * request could not be published (the caller applies the fallback policy).
 */
@Injectable()
export class RealTimeAuthorizationClient
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = createLogger(SERVICE.serviceName, 'RealTimeAuthorization');
  private readonly waiters = new Map<string, Waiter>();
  private runner: ConsumerRunner | null = null;
  private readonly outcomes;

  constructor(
    private readonly env: OcppGatewayEnv,
    private readonly kafka: KafkaPlatform,
    private readonly publisher: OcppEventPublisher,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter<'outcome'>({
      name: 'ocpp_realtime_authorizations_total',
      help: 'Real-time authorization requests by outcome (decided, timeout, publish-failed)',
      labelNames: ['outcome'],
    });
  }

  get enabled(): boolean {
    return this.env.OCPP_REALTIME_AUTHORIZATION;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.runner = this.kafka.createConsumer({
      groupId: `ocpp-gateway-authorizations-${gatewayInstanceId(this.env)}`,
      topics: [Topics.OcppAuthorizationDecided],
      isTransient: isRetriable,
      // Only decisions for requests made from now on matter to the waiters of this process.
      fromBeginning: false,
      handler: (events) => {
        for (const event of events) this.onDecided(event.envelope.data as AuthorizationDecidedV1);
        return Promise.resolve();
      },
    });
    await this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      this.waiters.delete(id);
      waiter.resolve(null);
    }
    await this.runner?.stop();
  }

  /** Asks for a decision; null when none arrived within the configured bound. */
  async ask(request: RealTimeAuthorizationRequest): Promise<RealTimeDecision | null> {
    const requestId = randomUUID();
    const requestedAt = new Date();
    const timeoutMs = this.env.OCPP_REALTIME_AUTHORIZATION_TIMEOUT_MS;
    const decided = new Promise<RealTimeDecision | null>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(requestId);
        this.outcomes.inc({ outcome: 'timeout' });
        resolve(null);
      }, timeoutMs);
      this.waiters.set(requestId, { resolve, timer });
    });
    try {
      await this.publisher.publishAcked(
        Topics.OcppAuthorizationRequested,
        {
          requestId,
          stationId: request.stationId,
          ...(request.connectorId !== undefined ? { connectorId: request.connectorId } : {}),
          idTag: request.idTag,
          requestedAt: requestedAt.toISOString(),
          expiresAt: new Date(requestedAt.getTime() + timeoutMs).toISOString(),
        },
        request.correlationId,
      );
    } catch (err) {
      const waiter = this.waiters.get(requestId);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.waiters.delete(requestId);
      }
      this.outcomes.inc({ outcome: 'publish-failed' });
      this.logger.warn('real-time authorization request not published', {
        stationId: request.stationId,
        error: (err as Error).message,
      });
      return null;
    }
    return decided;
  }

  /** A decision from Kafka: resolves the request waiting for it on this replica, if any. */
  onDecided(decision: AuthorizationDecidedV1): void {
    const waiter = this.waiters.get(decision.requestId);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiters.delete(decision.requestId);
    this.outcomes.inc({ outcome: 'decided' });
    waiter.resolve({
      status: decision.status,
      ...(decision.expiryDate ? { expiryDate: decision.expiryDate } : {}),
      ...(decision.parentIdTag ? { parentIdTag: decision.parentIdTag } : {}),
    });
  }
}
