import type { Counter, Histogram } from 'prom-client';
import type { MetricsService } from '@voltlane/platform-service';
import type { DataSource } from 'typeorm';
import type { PushAttemptObserver } from './ocpi-push.worker';
import type { PushQueueRepository } from './persistence/push-queue.repository';
import type { QueuedPush } from './push.types';

/** Names of the push metrics (catalogued in deploy/observability/metrics.yaml). */
export const OCPI_PUSH_METRICS = {
  deliveries: 'ocpi_push_deliveries_total',
  failures: 'ocpi_push_failures_total',
  pending: 'ocpi_push_pending',
  oldestPendingAge: 'ocpi_push_oldest_pending_age_seconds',
  duration: 'ocpi_push_delivery_duration_seconds',
} as const;

/**
 * Push metrics on the service's registry: attempts by partner, module and outcome (`delivered`,
 * `retried`, `failed`), failed attempts per partner (the alert's input), delivery latency, and
 * — read from the queue at scrape time — pending pushes and the age of the oldest per partner.
 */
export class OcpiPushMetrics implements PushAttemptObserver {
  private readonly deliveries: Counter<'partner' | 'module' | 'outcome'>;
  private readonly failures: Counter<'partner'>;
  private readonly duration: Histogram<'partner' | 'module'>;

  constructor(metrics: MetricsService, dataSource: DataSource, repository: PushQueueRepository) {
    this.deliveries = metrics.counter({
      name: OCPI_PUSH_METRICS.deliveries,
      help: 'OCPI push attempts by partner, module and outcome (delivered, retried, failed)',
      labelNames: ['partner', 'module', 'outcome'],
    });
    this.failures = metrics.counter({
      name: OCPI_PUSH_METRICS.failures,
      help: 'OCPI push attempts that did not deliver (retried or failed for good), per partner',
      labelNames: ['partner'],
    });
    this.duration = metrics.histogram({
      name: OCPI_PUSH_METRICS.duration,
      help: 'Duration of one OCPI push attempt (HTTP request to the partner)',
      labelNames: ['partner', 'module'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    const age = metrics.gauge({
      name: OCPI_PUSH_METRICS.oldestPendingAge,
      help: 'Age of the oldest undelivered OCPI push per partner',
      labelNames: ['partner'],
    });
    metrics.gauge({
      name: OCPI_PUSH_METRICS.pending,
      help: 'OCPI pushes waiting for delivery (including ones being retried) per partner',
      labelNames: ['partner'],
      async collect() {
        if (!dataSource.isInitialized) return;
        try {
          const rows = await repository.pendingByPartner(dataSource);
          this.reset();
          age.reset();
          for (const r of rows) {
            this.set({ partner: r.partnerId }, r.pending);
            age.set({ partner: r.partnerId }, r.age);
          }
        } catch {
          // database unavailable: readiness reports it; keep the last values
        }
      },
    });
  }

  attempt(item: QueuedPush, verdict: 'delivered' | 'retried' | 'failed', seconds: number): void {
    this.deliveries.inc({ partner: item.partnerId, module: item.module, outcome: verdict });
    if (verdict !== 'delivered') this.failures.inc({ partner: item.partnerId });
    this.duration.observe({ partner: item.partnerId, module: item.module }, seconds);
  }
}
