import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { formatErrors } from './compose-file';
import { kubernetesSchemaDir } from './toolchain';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  [key: string]: unknown;
}

/**
 * Validates manifests against the Kubernetes OpenAPI-derived JSON schemas of one version (strict:
 * unknown fields are errors, as `kubectl apply --validate=strict` does). Kinds without a schema in
 * the set (custom resources) are reported by `hasSchema` so callers decide what to do with them.
 */
export class KubernetesSchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly dir: string;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly version: string) {
    this.dir = kubernetesSchemaDir(version);
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    this.ajv.addSchema(this.readSchema('_definitions.json'), '/api/_definitions.json');
  }

  hasSchema(object: Pick<KubernetesObject, 'apiVersion' | 'kind'>): boolean {
    return existsSync(join(this.dir, this.fileOf(object)));
  }

  /** Problems found, as `<kind>/<name> <path> <message>` lines; empty when valid. */
  validate(object: KubernetesObject): string[] {
    const file = this.fileOf(object);
    let validate = this.compiled.get(file);
    if (!validate) {
      validate = this.ajv.compile({ ...this.readSchema(file), $id: `/api/${file}` });
      this.compiled.set(file, validate);
    }
    const where = `${object.kind}/${object.metadata?.name ?? '?'}`;
    return validate(object) ? [] : formatErrors(validate.errors ?? []).map((e) => `${where} ${e}`);
  }

  /** `apps/v1` Deployment → deployment-apps-v1.json, `v1` Service → service-v1.json. */
  private fileOf({ apiVersion, kind }: Pick<KubernetesObject, 'apiVersion' | 'kind'>): string {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const groupPart = group ? `-${group.split('.')[0]}` : '';
    return `${kind.toLowerCase()}${groupPart}-${version}.json`;
  }

  private readSchema(file: string): Record<string, unknown> {
    const { $schema: _dialect, ...schema } = JSON.parse(
      readFileSync(join(this.dir, file), 'utf8'),
    ) as Record<string, unknown>;
    return schema;
  }
}
