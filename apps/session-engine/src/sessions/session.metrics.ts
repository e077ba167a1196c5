import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import { MetricsService } from '@voltlane/platform-service';
import type { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ChargingSessionRepository } from './persistence/charging-session.repository';

/**
 * Session metrics: sessions started, completed and invalidated (counted when their event is written
 * to the outbox; a transaction retried after a failure can count twice), and the ACTIVE sessions in
 * the database (read at scrape time).
 */
@Injectable()
export class SessionMetrics implements OnModuleInit {
  private readonly byTopic = new Map<string, Counter>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ChargingSessionRepository,
    @Optional() @Inject(MetricsService) private readonly metrics?: MetricsService | null,
  ) {}

  onModuleInit(): void {
    const metrics = this.metrics;
    if (!metrics) return;
    const counter = (name: string, help: string) => metrics.counter({ name, help });
    this.byTopic.set(
      Topics.SessionStarted,
      counter('voltlane_sessions_started_total', 'Charging sessions started'),
    );
    this.byTopic.set(
      Topics.SessionCompleted,
      counter('voltlane_sessions_completed_total', 'Charging sessions completed'),
    );
    this.byTopic.set(
      Topics.SessionInvalidated,
      counter('voltlane_sessions_invalid_total', 'Sessions that ended INVALID (never charged)'),
    );
    const dataSource = this.dataSource;
    const repository = this.repository;
    metrics.gauge({
      name: 'voltlane_sessions_active',
      help: 'Charging sessions in status ACTIVE',
      async collect() {
        if (!dataSource.isInitialized) return;
        try {
          this.set(await repository.countActive(dataSource.manager));
        } catch {
          // database unavailable: readiness reports it; keep the last value
        }
      },
    });
  }

  /** Counts a session event written to the outbox (other topics are ignored). */
  published(topic: string): void {
    this.byTopic.get(topic)?.inc();
  }
}
