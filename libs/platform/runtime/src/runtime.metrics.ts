import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { KafkaPlatform } from '@voltlane/platform-kafka';
import { OutboxRelay } from '@voltlane/platform-persistence';
import { MetricsService } from '@voltlane/platform-service';
import { DataSource } from 'typeorm';
import { EventConsumerHost } from './event-consumer.host';
import { PLATFORM_RUNTIME_OPTIONS, type PlatformRuntimeOptions } from './platform-runtime.options';

/**
 * Backbone metrics on the service's /metrics (when the app uses ServiceModule): outbox backlog and
 * age of its oldest row (the alert for "events stuck in the outbox"), events relayed, relay
 * leadership, and consumed events by result. Values are read at scrape time.
 */
@Injectable()
export class RuntimeMetrics implements OnModuleInit {
  constructor(
    @Optional() @Inject(MetricsService) private readonly metrics: MetricsService | null,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly consumers: EventConsumerHost,
    @Inject(PLATFORM_RUNTIME_OPTIONS) private readonly options: PlatformRuntimeOptions,
    @Optional() @Inject(KafkaPlatform) private readonly kafka?: KafkaPlatform | null,
  ) {}

  onModuleInit(): void {
    const metrics = this.metrics;
    if (!metrics) return;
    const table = `"${this.options.schema}"."outbox"`;
    const age = metrics.gauge({
      name: 'voltlane_outbox_oldest_event_age_seconds',
      help: 'Age of the oldest event waiting in the outbox (0 when empty)',
    });
    const dataSource = this.dataSource;
    metrics.gauge({
      name: 'voltlane_outbox_pending_events',
      help: 'Events committed to the outbox and not yet acknowledged by Kafka',
      async collect() {
        if (!dataSource.isInitialized) return;
        try {
          const rows: { pending: string; age: number | null }[] = await dataSource.query(
            `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age FROM ${table}`,
          );
          this.set(Number(rows[0].pending));
          age.set(rows[0].age ?? 0);
        } catch {
          // database unavailable: readiness reports it; keep the last values
        }
      },
    });
    const relay = this.relay;
    let relayed = 0;
    metrics.counter({
      name: 'voltlane_outbox_published_events_total',
      help: 'Events the outbox relay of this process published to Kafka',
      collect() {
        const now = relay.publishedCount;
        if (now > relayed) this.inc(now - relayed);
        relayed = now;
      },
    });
    metrics.gauge({
      name: 'voltlane_outbox_relay_leader',
      help: '1 while this process holds the outbox relay leadership for its schema',
      collect() {
        this.set(relay.isLeader ? 1 : 0);
      },
    });
    const consumers = this.consumers;
    const seen = { processed: 0, dead_lettered: 0, retried: 0 };
    metrics.counter({
      name: 'voltlane_consumer_events_total',
      help: 'Consumed events by result (processed, dead_lettered, retried attempts)',
      labelNames: ['result'],
      collect() {
        const stats = consumers.stats;
        if (!stats) return;
        const now = {
          processed: stats.processed,
          dead_lettered: stats.deadLettered,
          retried: stats.retries,
        };
        for (const result of Object.keys(now) as (keyof typeof now)[]) {
          if (now[result] > seen[result]) this.inc({ result }, now[result] - seen[result]);
          seen[result] = now[result];
        }
      },
    });
    const kafka = this.kafka;
    metrics.gauge({
      name: 'voltlane_kafka_consumer_lag',
      help: "Messages not yet committed by this service's consumer group, per topic (fetched every 15 s)",
      labelNames: ['group', 'topic'],
      collect() {
        if (!kafka) return;
        this.reset();
        for (const l of kafka.consumerLagSnapshot()) {
          this.set({ group: l.groupId, topic: l.topic }, l.lag);
        }
      },
    });
  }
}
