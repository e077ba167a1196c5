import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { OutboxWriter, type OutboxMessage } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import { ChargingSessionRepository } from '../persistence/charging-session.repository';
import { SessionEngineSettings } from '../session-engine.settings';
import { CloseDueSessionsUseCase } from '../use-cases/close-due-sessions/close-due-sessions.use-case';

const PAGE = 100;

/**
 * Completes due sessions on a timer (held stops after the settle delay, stale sessions after their
 * grace period), each page closed
 * and published in one transaction (outbox). Replicas share the work (`FOR UPDATE SKIP LOCKED`).
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

  /** Closes every due session, page by page; returns how many. */
  async sweep(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    let total = 0;
    try {
      for (;;) {
        const closed = await this.dataSource.transaction(async (manager) => {
          const outgoing: OutboxMessage[] = [];
          const n = await this.closeDue.execute(
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
            PAGE,
          );
          await this.outbox.append(manager, outgoing);
          return n;
        });
        total += closed;
        if (closed < PAGE) break;
      }
      if (total > 0) this.logger.log('completed due sessions', { closed: total });
    } catch (err) {
      this.logger.warn('due-session sweep failed; retrying on the next tick', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
    return total;
  }
}
