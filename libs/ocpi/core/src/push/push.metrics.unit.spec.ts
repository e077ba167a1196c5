import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsService } from '@voltlane/platform-service';
import { parse } from 'yaml';
import type { PushQueueRepository } from './persistence/push-queue.repository';
import { OCPI_PUSH_METRICS, OcpiPushMetrics } from './push.metrics';
import type { QueuedPush } from './push.types';

type CatalogEntry = { name: string; type: string; labels: string[] };

function catalog(): CatalogEntry[] {
  const root = join(__dirname, '../../../../..');
  const doc = parse(readFileSync(join(root, 'deploy/observability/metrics.yaml'), 'utf8')) as {
    ocpi?: CatalogEntry[];
  };
  return (doc.ocpi ?? []).filter((m) => m.name.startsWith('ocpi_push_'));
}

function registered(): { metrics: MetricsService; push: OcpiPushMetrics } {
  const metrics = new MetricsService({ serviceName: 'push-metrics-test', defaultMetrics: false });
  const notConnected = { isInitialized: false } as never;
  const push = new OcpiPushMetrics(metrics, notConnected, {} as PushQueueRepository);
  return { metrics, push };
}

describe('OcpiPushMetrics', () => {
  it('Given the metrics catalog, When the push metrics register, Then they match it exactly', () => {
    const { metrics } = registered();
    const exported = (
      metrics.registry.getMetricsAsArray() as unknown as {
        name: string;
        type: string;
        labelNames?: string[];
      }[]
    )
      .map((m) => ({
        name: m.name,
        type: String(m.type),
        labels: [...new Set([...(m.labelNames ?? []), 'service'])].sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const listed = catalog()
      .map((m) => ({ ...m, labels: [...m.labels].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toEqual(exported);
    expect(listed.map((m) => m.name).sort()).toEqual(Object.values(OCPI_PUSH_METRICS).sort());
  });

  it('Given attempts, When observed, Then deliveries count by outcome and failures per partner', async () => {
    const { metrics, push } = registered();
    const item = { partnerId: 'NL-ABC', module: 'sessions' } as QueuedPush;
    push.attempt(item, 'delivered', 0.02);
    push.attempt(item, 'retried', 0.5);
    push.attempt(item, 'failed', 0.1);
    const text = await metrics.metrics();
    expect(text).toContain(
      'ocpi_push_deliveries_total{partner="NL-ABC",module="sessions",outcome="delivered",service="push-metrics-test"} 1',
    );
    expect(text).toContain(
      'ocpi_push_failures_total{partner="NL-ABC",service="push-metrics-test"} 2',
    );
    expect(text).toContain(
      'ocpi_push_delivery_duration_seconds_count{service="push-metrics-test",partner="NL-ABC",module="sessions"} 3',
    );
  });
});
