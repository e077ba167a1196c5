import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MetricsService, ServiceModule } from '@voltlane/platform-service';
import { RuntimeMetrics } from '@voltlane/platform-runtime';

export interface ExportedMetric {
  name: string;
  type: string;
  /** Label names the metric declares, plus `service` (the registry's default label). */
  labels: string[];
}

type RegistryMetric = { name: string; type: string; labelNames?: readonly string[] };

/**
 * The metrics a Voltlane service's /metrics exposes, read from the real registry: ServiceModule
 * (Node defaults, HTTP metrics) initialised in a Nest app that never listens, plus the runtime's
 * backbone metrics registered on the same MetricsService. RuntimeMetrics only reads its
 * collaborators at scrape time, so stand-ins that report "not initialised" are enough here.
 */
export async function exportedPlatformMetrics(): Promise<ExportedMetric[]> {
  @Module({
    imports: [ServiceModule.forRoot({ serviceName: 'metrics-catalog', healthIndicators: [] })],
  })
  class CatalogModule {}

  const app = await NestFactory.create(CatalogModule, { logger: false });
  try {
    await app.init();
    const metrics = app.get(MetricsService);
    const notConnected = { isInitialized: false };
    const idleRelay = { publishedCount: 0, isLeader: false };
    const idleConsumers = { stats: undefined };
    new RuntimeMetrics(
      metrics,
      notConnected as never,
      idleRelay as never,
      idleConsumers as never,
      { schema: 'metrics_catalog' } as never,
    ).onModuleInit();
    const registered = metrics.registry.getMetricsAsArray() as unknown as RegistryMetric[];
    return registered
      .map((m) => ({
        name: m.name,
        type: String(m.type),
        labels: [...new Set([...(m.labelNames ?? []), 'service'])].sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await app.close();
  }
}
