/** What a PromQL expression reads: metric names and the label names it selects or groups by. */
export interface PromqlReferences {
  metrics: string[];
  labels: string[];
}

const FUNCTIONS_AND_KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
  'inf',
  'nan',
]);
const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;

/**
 * A deliberately small PromQL reader, enough for alert rules and dashboards: strings, label
 * matchers, grouping clauses and range/offset durations are taken out first, then every
 * identifier that is not a function call, an aggregation or a keyword is a metric name. Grafana
 * variables (`$service`, `${__rate_interval}`) are neutralised first.
 */
export function promqlReferences(expression: string): PromqlReferences {
  const labels = new Set<string>();
  let rest = expression
    .replace(/\$\{[^}]+\}|\$[A-Za-z_]\w*/g, '5m')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  rest = rest.replace(/\{([^}]*)\}/g, (_whole, matchers: string) => {
    for (const m of matchers.matchAll(/([A-Za-z_]\w*)\s*(=~|!~|!=|=)/g)) labels.add(m[1]);
    return ' ';
  });
  rest = rest.replace(GROUPING, (_whole, _keyword: string, names: string) => {
    for (const name of names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean))
      labels.add(name);
    return ' ';
  });
  rest = rest.replace(/\[[^\]]*\]/g, ' ').replace(/\boffset\s+\S+/g, ' ');
  // label_replace/label_join arguments are strings (already blanked) — nothing else to skip.
  const metrics = new Set<string>();
  for (const m of rest.matchAll(/(?<![\w.])([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (call || FUNCTIONS_AND_KEYWORDS.has(name.toLowerCase())) continue;
    if (/^\d/.test(name)) continue;
    metrics.add(name);
  }
  return { metrics: [...metrics].sort(), labels: [...labels].sort() };
}

/** `foo_bucket` → `foo` for histograms (and `_sum`, `_count`), else the name itself. */
export function baseMetricName(series: string, histograms: ReadonlySet<string>): string {
  const m = /^(.*)_(bucket|sum|count)$/.exec(series);
  return m && histograms.has(m[1]) ? m[1] : series;
}
