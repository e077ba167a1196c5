import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from './kubernetes-schema.validator';
import { repoPath } from './repo-root';
import { helmBinary } from './toolchain';

export const CHART_DIR = repoPath('deploy/helm/voltlane');

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runHelm(args: readonly string[]): HelmResult {
  const result = spawnSync(helmBinary(), args, {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      HELM_CACHE_HOME: repoPath('tmp', 'helm', 'cache'),
      HELM_CONFIG_HOME: repoPath('tmp', 'helm', 'config'),
      HELM_DATA_HOME: repoPath('tmp', 'helm', 'data'),
    },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RenderOptions {
  release?: string;
  namespace?: string;
  kubeVersion: string;
  valuesFiles?: string[];
  set?: Record<string, string>;
}

/** `helm template` of the chart; throws with helm's message when rendering fails. */
export function renderChart(options: RenderOptions): KubernetesObject[] {
  const result = runHelm(renderArgs(options));
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr.trim()}`);
  return parseManifests(result.stdout);
}

export function renderArgs(options: RenderOptions): string[] {
  return [
    'template',
    options.release ?? 'voltlane',
    CHART_DIR,
    '--namespace',
    options.namespace ?? 'voltlane',
    '--kube-version',
    options.kubeVersion,
    ...(options.valuesFiles ?? []).flatMap((f) => ['--values', f]),
    ...Object.entries(options.set ?? {}).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
  ];
}

/** Multi-document YAML → objects; duplicate keys and syntax errors are errors, not warnings. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text, { uniqueKeys: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
      return doc.toJS() as KubernetesObject | null;
    })
    .filter((o): o is KubernetesObject => o !== null && typeof o === 'object');
}
