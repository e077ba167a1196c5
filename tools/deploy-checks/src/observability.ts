import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { baseMetricName, promqlReferences } from './promql';
import { repoPath } from './repo-root';

export interface CatalogMetric {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary';
  labels: string[];
}

export interface MetricCatalog {
  target_labels: string[];
  platform: CatalogMetric[];
  /** Metrics of feature libraries, on the services that use them (checked by those libraries). */
  ocpi?: CatalogMetric[];
  /** Metrics only one service exposes, by service name (checked by the charging-trace e2e). */
  services?: Record<string, CatalogMetric[]>;
  scrape: CatalogMetric[];
}

/** Every metric of the catalog that alerts and dashboards may read. */
export function catalogMetrics(catalog: MetricCatalog): CatalogMetric[] {
  return [
    ...catalog.platform,
    ...(catalog.ocpi ?? []),
    ...Object.values(catalog.services ?? {}).flat(),
    ...catalog.scrape,
  ];
}

export const CATALOG_PATH = 'deploy/observability/metrics.yaml';
export const ALERTS_PATH = 'deploy/observability/prometheus/voltlane-alerts.yaml';
export const DASHBOARD_PATH = 'deploy/observability/grafana/voltlane-platform.dashboard.json';

export function loadCatalog(): MetricCatalog {
  return parse(readFileSync(repoPath(CATALOG_PATH), 'utf8')) as MetricCatalog;
}

export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function loadAlertRules(): { name: string; rules: AlertRule[] }[] {
  return (
    parse(readFileSync(repoPath(ALERTS_PATH), 'utf8')) as {
      groups: { name: string; rules: AlertRule[] }[];
    }
  ).groups;
}

interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; type: string; query?: unknown; definition?: string }[] };
}

export function loadDashboard(): Dashboard {
  return JSON.parse(readFileSync(repoPath(DASHBOARD_PATH), 'utf8')) as Dashboard;
}

/** Every panel (rows' nested panels included). */
export function dashboardPanels(dashboard: Dashboard): DashboardPanel[] {
  return dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Every PromQL expression of the dashboard: panel targets and `label_values(expr, label)` variables. */
export function dashboardExpressions(
  dashboard: Dashboard,
): { where: string; expr: string; labels?: string[] }[] {
  const panelExprs = dashboardPanels(dashboard).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `panel "${p.title}" ${t.refId}`, expr: t.expr })),
  );
  const variableExprs = dashboard.templating.list
    .filter((v) => v.type === 'query')
    .map((v) => {
      const m = /^label_values\((.*),\s*([A-Za-z_]\w*)\)$/.exec(v.definition ?? '');
      if (!m)
        throw new Error(
          `variable ${v.name}: only label_values(<expr>, <label>) queries are supported`,
        );
      return { where: `variable ${v.name}`, expr: m[1], labels: [m[2]] };
    });
  return [...panelExprs, ...variableExprs];
}

/**
 * Problems with one expression against the catalog: unknown metrics, and label names that none of
 * the metrics it reads carry (nor Prometheus's target labels, nor `le` of a histogram bucket).
 */
export function checkExpression(
  expr: string,
  catalog: MetricCatalog,
  extraLabels: readonly string[] = [],
): string[] {
  const known = new Map(catalogMetrics(catalog).map((m) => [m.name, m]));
  const histograms = new Set(
    catalogMetrics(catalog)
      .filter((m) => m.type === 'histogram')
      .map((m) => m.name),
  );
  const { metrics, labels } = promqlReferences(expr);
  const problems: string[] = [];
  if (metrics.length === 0) problems.push('reads no metric');
  const available = new Set<string>([...catalog.target_labels]);
  for (const series of metrics) {
    const base = baseMetricName(series, histograms);
    const metric = known.get(base);
    if (!metric) {
      problems.push(`unknown metric ${series}`);
      continue;
    }
    metric.labels.forEach((l) => available.add(l));
    if (series === `${base}_bucket`) available.add('le');
    if (metric.type === 'histogram' && series === base)
      problems.push(`histogram ${base} read without _bucket/_sum/_count`);
  }
  for (const label of [...labels, ...extraLabels]) {
    if (!available.has(label)) problems.push(`label ${label} is not on ${metrics.join(', ')}`);
  }
  return problems;
}
