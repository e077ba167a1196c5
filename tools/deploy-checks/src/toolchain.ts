import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where tools/deploy-checks/install-tools.sh puts helm and the Kubernetes schemas. */
export const TOOL_CACHE = process.env.VOLTLANE_TOOL_CACHE ?? join(homedir(), '.cache', 'voltlane');

/** The helm version CI installs (`go install helm.sh/helm/v3/cmd/helm@<version>`). */
export const HELM_VERSION = 'v3.21.4';

/** Kubernetes versions the rendered chart is validated against: the oldest supported and the newest. */
export const KUBERNETES_VERSIONS = ['1.31.0', '1.37.0'] as const;

const INSTALL_HINT = 'run `bash tools/deploy-checks/install-tools.sh` (.ci/run does)';

/** The helm binary: $VOLTLANE_HELM, then the tool cache, then PATH. */
export function helmBinary(): string {
  const candidates = [
    process.env.VOLTLANE_HELM,
    join(TOOL_CACHE, 'bin', 'helm'),
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'helm')),
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(
      `helm not found (looked in ${candidates.slice(0, 2).join(', ')}, PATH): ${INSTALL_HINT}`,
    );
  return found;
}

/**
 * The directory of standalone strict JSON schemas for one Kubernetes version, from the PyPI package
 * kubernetes-validate (installed into the tool cache's virtualenv): $VOLTLANE_K8S_SCHEMAS overrides
 * the root that holds `v<version>-local-strict/`.
 */
export function kubernetesSchemaDir(version: string): string {
  const roots = [process.env.VOLTLANE_K8S_SCHEMAS, ...venvSchemaRoots()].filter(
    (r): r is string => !!r,
  );
  for (const root of roots) {
    const dir = join(root, `v${version}-local-strict`);
    if (existsSync(join(dir, '_definitions.json'))) return dir;
  }
  throw new Error(
    `Kubernetes ${version} JSON schemas not found in ${roots.join(', ') || TOOL_CACHE}: ${INSTALL_HINT}`,
  );
}

function venvSchemaRoots(): string[] {
  const lib = join(TOOL_CACHE, 'k8s-venv', 'lib');
  if (!existsSync(lib)) return [];
  return readdirSync(lib)
    .filter((d) => d.startsWith('python'))
    .map((d) => join(lib, d, 'site-packages', 'kubernetes_validate', 'kubernetes-json-schema'));
}
