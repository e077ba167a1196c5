import { exportedPlatformMetrics } from './platform-metrics';
import {
  checkExpression,
  dashboardExpressions,
  dashboardPanels,
  loadAlertRules,
  loadCatalog,
  loadDashboard,
} from './observability';
import { existsSync } from 'node:fs';
import { promqlReferences } from './promql';
import { repoPath } from './repo-root';

const catalog = loadCatalog();

describe('deploy/observability/metrics.yaml', () => {
  it('lists exactly the metrics, types and labels the platform registers', async () => {
    const exported = await exportedPlatformMetrics();
    const listed = catalog.platform
      .map((m) => ({ name: m.name, type: m.type, labels: [...m.labels].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toEqual(exported);
  });

  it('lists service metrics under existing apps, each name once and none shadowing a platform metric', () => {
    const platform = new Set(catalog.platform.map((m) => m.name));
    const names = Object.values(catalog.services ?? {})
      .flat()
      .map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => platform.has(n))).toEqual([]);
    for (const service of Object.keys(catalog.services ?? {})) {
      expect(existsSync(repoPath(`apps/${service}/src/main.ts`))).toBe(true);
    }
    for (const metric of Object.values(catalog.services ?? {}).flat()) {
      expect(metric.labels).toContain('service');
    }
  });
});

describe('Prometheus alert rules', () => {
  const groups = loadAlertRules();
  const rules = groups.flatMap((g) => g.rules);

  it('has uniquely named alerts with a severity, a summary, a description and a runbook', () => {
    const names = rules.map((r) => r.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Voltlane[A-Z]\w+$/);
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations).toEqual(
        expect.objectContaining({
          summary: expect.any(String),
          description: expect.any(String),
          runbook: expect.stringMatching(/^docs\/operations\.md#/),
        }),
      );
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
  });

  it.each(rules.map((r) => [r.alert, r] as const))(
    '%s reads only exported metrics and labels',
    (_name, rule) => {
      const templated = [
        ...Object.values(rule.annotations ?? {})
          .join(' ')
          .matchAll(/\$labels\.(\w+)/g),
      ].map((m) => m[1]);
      expect(checkExpression(rule.expr, catalog, templated)).toEqual([]);
    },
  );

  it('alerts on the outbox, dead letters and consumer retries', () => {
    const read = new Set(rules.flatMap((r) => promqlReferences(r.expr).metrics));
    expect([...read]).toEqual(
      expect.arrayContaining([
        'voltlane_outbox_oldest_event_age_seconds',
        'voltlane_outbox_pending_events',
        'voltlane_outbox_relay_leader',
        'voltlane_consumer_events_total',
      ]),
    );
  });
});

describe('Grafana dashboard', () => {
  const dashboard = loadDashboard();

  it('has unique panel ids and a Prometheus datasource variable used by every panel', () => {
    const panels = dashboardPanels(dashboard);
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(
      expect.arrayContaining(['datasource', 'service']),
    );
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect((panel as { datasource?: { uid: string } }).datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it.each(dashboardExpressions(loadDashboard()).map((e) => [e.where, e] as const))(
    '%s reads only exported metrics and labels',
    (_where, { expr, labels }) => {
      expect(checkExpression(expr, catalog, labels)).toEqual([]);
    },
  );
});

describe('checkExpression', () => {
  it('Given a metric the platform does not export, When checked, Then it is named', () => {
    expect(checkExpression('rate(ocpp_frames_total[5m])', catalog)).toEqual([
      'unknown metric ocpp_frames_total',
    ]);
  });

  it('Given a label the metric does not carry, When checked, Then it is named', () => {
    expect(checkExpression('sum by (topic) (voltlane_outbox_pending_events)', catalog)).toEqual([
      'label topic is not on voltlane_outbox_pending_events',
    ]);
  });

  it('Given le outside a bucket series, When checked, Then it is rejected', () => {
    expect(checkExpression('sum by (le) (rate(http_requests_total[5m]))', catalog)).toEqual([
      'label le is not on http_requests_total',
    ]);
  });

  it('Given a histogram bucket quantile with Grafana variables, When checked, Then it passes', () => {
    expect(
      checkExpression(
        'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))',
        catalog,
      ),
    ).toEqual([]);
  });
});

describe('promqlReferences', () => {
  it.each([
    ['up{job=~"voltlane.*"} == 0', ['up'], ['job']],
    ['a_total / ignoring(x) b_total offset 5m', ['a_total', 'b_total'], ['x']],
    ['sum without (pod) (rate(c[1m])) > bool 0', ['c'], ['pod']],
    ['label_replace(m, "dst", "$1", "src", "(.*)")', ['m'], []],
  ])('Given %s, When read, Then it finds %j and labels %j', (expr, metrics, labels) => {
    expect(promqlReferences(expr)).toEqual({ metrics, labels });
  });
});
