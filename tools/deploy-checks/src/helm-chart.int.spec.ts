import { join } from 'node:path';
import { CHART_DIR, renderChart, runHelm } from './helm';
import { type KubernetesObject, KubernetesSchemaValidator } from './kubernetes-schema.validator';
import { checkEnvironment, discoverServiceEnvs } from './service-env';
import { KUBERNETES_VERSIONS } from './toolchain';

// Renders deploy/helm/voltlane with the real helm binary and checks the manifests against the
// Kubernetes JSON schemas (PyPI kubernetes-validate) and against each service's env class.

const PRODUCTION_VALUES = join(CHART_DIR, 'ci', 'production-values.yaml');
const VALUE_SETS = [
  ['default values', []],
  ['production values', [PRODUCTION_VALUES]],
] as const;
/** Custom resources the Kubernetes schema set cannot know; everything else must validate. */
const CUSTOM_KINDS = new Set(['ServiceMonitor']);
const services = discoverServiceEnvs();

type Container = {
  name: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
};
type PodSpec = {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
};
type Workload = KubernetesObject & {
  spec: {
    replicas?: number;
    selector?: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};

const find = (objects: KubernetesObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

/** The environment a container starts with: envFrom ConfigMaps, then env (Secret refs → undefined). */
function containerEnv(
  objects: KubernetesObject[],
  container: Container,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const source of container.envFrom ?? []) {
    const map = find(objects, 'ConfigMap', source.configMapRef?.name ?? '') as
      (KubernetesObject & { data?: Record<string, string> }) | undefined;
    if (!map)
      throw new Error(`envFrom references a missing ConfigMap ${source.configMapRef?.name}`);
    Object.assign(env, map.data ?? {});
  }
  for (const entry of container.env ?? [])
    env[entry.name] = entry.valueFrom ? undefined : entry.value;
  return env;
}

describe('Helm chart deploy/helm/voltlane', () => {
  it.each(VALUE_SETS)('passes `helm lint --strict` with %s', (_name, files) => {
    const result = runHelm([
      'lint',
      CHART_DIR,
      '--strict',
      '--kube-version',
      KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1],
      ...files.flatMap((f) => ['--values', f]),
    ]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  describe.each(KUBERNETES_VERSIONS.map((v) => [v]))('on Kubernetes %s', (kubeVersion) => {
    const validator = new KubernetesSchemaValidator(kubeVersion);

    it.each(VALUE_SETS)(
      'renders manifests valid against the strict schemas with %s',
      (_name, files) => {
        const objects = renderChart({ kubeVersion, valuesFiles: [...files] });
        expect(objects.length).toBeGreaterThan(20);
        const unvalidated = objects.filter((o) => !validator.hasSchema(o));
        expect(
          [...new Set(unvalidated.map((o) => o.kind))].filter((k) => !CUSTOM_KINDS.has(k)),
        ).toEqual([]);
        expect(
          objects.filter((o) => validator.hasSchema(o)).flatMap((o) => validator.validate(o)),
        ).toEqual([]);
      },
    );
  });

  it('rejects a manifest the schemas do not allow (the validation can fail)', () => {
    const validator = new KubernetesSchemaValidator(KUBERNETES_VERSIONS[0]);
    const [service] = renderChart({ kubeVersion: KUBERNETES_VERSIONS[0] }).filter(
      (o) => o.kind === 'Service',
    );
    const broken = {
      ...service,
      spec: { ...(service.spec as object), sesionAffinity: 'None', ports: [{ port: 'http' }] },
    };
    const problems = validator.validate(broken);
    expect(problems.some((p) => p.includes('sesionAffinity'))).toBe(true);
    expect(problems.some((p) => p.includes('/spec/ports/0/port'))).toBe(true);
  });

  describe.each(VALUE_SETS)('with %s', (_name, files) => {
    const objects = renderChart({ kubeVersion: KUBERNETES_VERSIONS[0], valuesFiles: [...files] });
    const release = 'voltlane';

    describe.each(services.map((s) => [s.service, s] as const))('%s', (service, spec) => {
      const deployment = find(objects, 'Deployment', `${release}-${service}`) as Workload;
      const pod = deployment?.spec.template.spec;
      const container = pod?.containers[0];
      const env = container ? containerEnv(objects, container) : {};

      it('has a Deployment, a Service and a ConfigMap', () => {
        expect(deployment).toBeDefined();
        expect(find(objects, 'Service', `${release}-${service}`)).toBeDefined();
        expect(find(objects, 'ConfigMap', `${release}-${service}`)).toBeDefined();
        expect(container.args).toEqual(['serve']);
      });

      it(`starts with exactly the variables ${spec.envClass.name} accepts, with valid values`, () => {
        expect(env.SERVICE).toBe(service);
        expect(checkEnvironment(spec, env)).toEqual([]);
      });

      it('takes every sensitive variable from a Secret, never from the ConfigMap', () => {
        const map = find(objects, 'ConfigMap', `${release}-${service}`) as KubernetesObject & {
          data: Record<string, string>;
        };
        for (const variable of spec.variables.filter((v) => v.sensitive)) {
          expect(map.data[variable.name]).toBeUndefined();
          const entry = container.env?.find((e) => e.name === variable.name);
          if (variable.required) expect(entry?.valueFrom?.secretKeyRef?.key).toBe(variable.name);
        }
      });

      it('probes /health/live and /health/ready on the port the service listens on', () => {
        const port = container.ports?.find((p) => p.name === 'http')?.containerPort;
        expect(String(port)).toBe(env.PORT);
        expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      });

      it('runs as non-root with a read-only root filesystem, no capabilities and resource bounds', () => {
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests).toEqual(
          expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
        );
        expect(container.resources?.limits?.memory).toBeDefined();
      });

      it('is killed only after its preStop pause plus SHUTDOWN_TIMEOUT_MS', () => {
        const [, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
        const drainMs = Number(seconds) * 1000 + Number(env.SHUTDOWN_TIMEOUT_MS);
        expect((pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(drainMs);
      });

      it('rolls out without dropping below its capacity and has a disruption budget', () => {
        expect((deployment.spec as { strategy?: unknown }).strategy).toMatchObject({
          rollingUpdate: { maxUnavailable: 0 },
        });
        const pdb = find(objects, 'PodDisruptionBudget', `${release}-${service}`) as
          | (KubernetesObject & { spec: { selector: { matchLabels: Record<string, string> } } })
          | undefined;
        expect(pdb?.spec.selector.matchLabels).toEqual(deployment.spec.selector?.matchLabels);
        const hpa = find(objects, 'HorizontalPodAutoscaler', `${release}-${service}`);
        if (hpa) expect(deployment.spec.replicas).toBeUndefined();
        else expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      });

      it('balances over every ready pod: no session affinity', () => {
        const svc = find(objects, 'Service', `${release}-${service}`) as KubernetesObject & {
          spec: { sessionAffinity: string; selector: Record<string, string> };
        };
        expect(svc.spec.sessionAffinity).toBe('None');
        expect(svc.spec.selector).toEqual(deployment.spec.selector?.matchLabels);
      });
    });

    it('gives the OCPP gateway minutes to hand its WebSockets over, and autoscales it', () => {
      const gateway = find(objects, 'Deployment', `${release}-ocpp-gateway`) as Workload;
      expect(gateway.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
      expect(find(objects, 'HorizontalPodAutoscaler', `${release}-ocpp-gateway`)).toBeDefined();
    });

    it('migrates every service in a pre-install/pre-upgrade hook Job before the pods start', () => {
      const job = find(objects, 'Job', `${release}-migrate`) as Workload;
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const containers = job.spec.template.spec.containers;
      expect(containers.map((c) => containerEnv(objects, c).SERVICE).sort()).toEqual(
        services.map((s) => s.service).sort(),
      );
      for (const c of containers) {
        expect(c.args).toEqual(['migrate']);
        expect(c.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.key).toBe(
          'DATABASE_URL',
        );
      }
      const secret = objects.find((o) => o.kind === 'Secret');
      if (secret) {
        // the chart's own Secret must exist before the hook Job runs
        expect(Number(secret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(
          Number(job.metadata.annotations?.['helm.sh/hook-weight'] ?? 0),
        );
      }
    });
  });

  it('uses an existing Secret instead of creating one when asked to', () => {
    const objects = renderChart({
      kubeVersion: KUBERNETES_VERSIONS[0],
      valuesFiles: [PRODUCTION_VALUES],
    });
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const refs = objects
      .filter((o): o is Workload => o.kind === 'Deployment' || o.kind === 'Job')
      .flatMap((w) => w.spec.template.spec.containers.flatMap((c) => c.env ?? []))
      .map((e) => e.valueFrom?.secretKeyRef?.name)
      .filter((n) => n !== undefined);
    expect(new Set(refs)).toEqual(new Set(['voltlane-credentials']));
  });

  it.each([
    ['services.ocpp-gateway.sessionAffinity=ClientIP', 'sessionAffinity'],
    ['ocpi.countryCode=nl', 'countryCode'],
    ['secrets.adminApiKey=short', 'adminApiKey'],
    ['podSecurityContext.runAsNonRoot=false', 'runAsNonRoot'],
    ['services.ocpi-cpo.resources=null', 'resources'],
  ])('refuses --set %s through values.schema.json', (assignment, field) => {
    const [key, value] = assignment.split('=');
    expect(() =>
      renderChart({ kubeVersion: KUBERNETES_VERSIONS[0], set: { [key]: value } }),
    ).toThrow(field);
  });
});
