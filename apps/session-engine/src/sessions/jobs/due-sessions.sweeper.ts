import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { createLogger, extractTraceContext, publishSpanHeaders } from '@voltlane/platform-core';
import { OutboxWriter, type OutboxMessage } from '@voltlane/platform-persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { LifecycleTxFactory } from '../consumers/lifecycle-tx.factory';
import { ChargingSessionRepository } from '../persistence/charging-session.repository';
import { SessionMetrics } from '../session.metrics';
import { SessionEngineSettings } from '../session-engine.settings';
import { CloseDueSessionsUseCase } from '../use-cases/close-due-sessions/close-due-sessions.use-case';
import { ExpirePendingSessionsUseCase } from '../use-cases/expire-pending-sessions/expire-pending-sessions.use-case';
import type { SessionTx } from '../use-cases/session-tx';

const PAGE = 100;

/**
 * Completes due sessions on a timer (held stops after the settle delay, stale sessions after their
 * grace period) and invalidates remote starts whose window passed without a StartTransaction, each
 * page handled and published in one transaction (outbox). Replicas share the work
 * (`FOR UPDATE SKIP LOCKED`).
 */
@Injectable()
export class DueSessionsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('session-engine', 'DueSessionsSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly repository: ChargingSessionRepository,
    private readonly closeDue: CloseDueSessionsUseCase,
    private readonly settings: SessionEngineSettings,
    private readonly expirePending: ExpirePendingSessionsUseCase,
    private readonly lifecycle: LifecycleTxFactory,
    @Optional() @Inject(SessionMetrics) private readonly metrics?: SessionMetrics | null,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .finally(() => (this.running = null));
    }, this.settings.staleSweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * A completion published here has no request around it: it continues the trace its session was
   * started in (a span `complete charging-session` under the stored context), so one session is
   * one trace from StartTransaction to its CDR.
   */
  private async continueSessionTraces(
    manager: EntityManager,
    outgoing: OutboxMessage[],
  ): Promise<void> {
    const sessionIdOf = (m: OutboxMessage) => (m.data as { sessionId?: unknown }).sessionId;
    const ids = outgoing.map(sessionIdOf).filter((id): id is string => typeof id === 'string');
    const contexts = await this.repository.traceContexts(manager, ids);
    for (const message of outgoing) {
      const stored = contexts.get(sessionIdOf(message) as string);
      if (!stored) continue;
      message.traceHeaders = publishSpanHeaders(
        'complete charging-session',
        extractTraceContext(stored),
        { 'messaging.system': 'kafka', 'messaging.destination.name': message.topic },
      );
    }
  }

  /** Closes every due session and expires every overdue remote start, page by page; how many. */
  async sweep(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    let total = 0;
    let expired = 0;
    try {
      total = await this.pages((tx) => this.closeDue.execute(tx, PAGE));
      expired = await this.pages((tx, manager) =>
        this.expirePending.execute(this.lifecycle.extend(tx, manager), PAGE),
      );
      if (total > 0) this.logger.log('completed due sessions', { closed: total });
      if (expired > 0) this.logger.log('invalidated overdue remote starts', { expired });
    } catch (err) {
      this.logger.warn('due-session sweep failed; retrying on the next tick', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
    return total + expired;
  }

  /** Runs `work` page by page, one transaction (with its outbox) each, until a page is not full. */
  private async pages(work: (tx: SessionTx, manager: EntityManager) => Promise<number>) {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (manager) => {
        const outgoing: OutboxMessage[] = [];
        const handled = await work(
          {
            store: this.repository.bind(manager),
            now: Date.now(),
            publish: (topic, data, cause) =>
              outgoing.push({
                topic,
                data,
                correlationId: cause?.correlationId ?? 'stale-session-sweeper',
                causationId: cause?.causationId ?? null,
              }),
          },
          manager,
        );
        await this.continueSessionTraces(manager, outgoing);
        await this.outbox.append(manager, outgoing);
        for (const message of outgoing) this.metrics?.published(message.topic);
        return handled;
      });
      total += n;
      if (n < PAGE) return total;
    }
  }
}
