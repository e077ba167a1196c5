import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import {
  BaseServiceEnv,
  ConfigValidationError,
  isSensitiveProperty,
  validateEnv,
} from '@voltlane/platform-core';
import { repoPath } from './repo-root';

export interface EnvVariable {
  name: string;
  /** No default value and not @IsOptional: the service exits 78 without it. */
  required: boolean;
  /** @Sensitive (or a secret-looking name): belongs in a Secret, never in a ConfigMap. */
  sensitive: boolean;
  /** The class's default, when it has one. */
  defaultValue?: unknown;
}

export interface ServiceEnvSpec {
  /** The app directory name, which is also the service name (`SERVICE` in the image). */
  service: string;
  envClass: EnvClass;
  variables: EnvVariable[];
}

export type EnvClass = new () => object;

/**
 * The environment a class-validator env class accepts, read from its validation metadata (the same
 * metadata `validateEnv` uses at start-up), including the properties it inherits.
 */
export function envSpecOf(envClass: EnvClass): Omit<ServiceEnvSpec, 'service'> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  const defaults = new envClass() as Record<string, unknown>;
  const names = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const variables = names.map((name): EnvVariable => {
    const optional = metadata.some(
      (m) => m.propertyName === name && m.type === 'conditionalValidation',
    );
    const defaultValue = defaults[name];
    return {
      name,
      required: !optional && defaultValue === undefined,
      sensitive: isSensitiveProperty(envClass, name),
      ...(defaultValue === undefined ? {} : { defaultValue }),
    };
  });
  return { envClass, variables };
}

/** Variables an env check accepts besides the class's own: read by the image's entrypoint. */
export const IMAGE_VARIABLES = ['SERVICE', 'NODE_OPTIONS'] as const;

/**
 * Checks one deployment's environment for a service against its env class: every required
 * variable set, no variable the class does not know (a typo or a stale name is silently ignored at
 * run time), and the values accepted by the same validation the service runs at start-up.
 * Sensitive values may be given as `undefined` (they come from a Secret): presence is checked only.
 */
export function checkEnvironment(
  spec: Pick<ServiceEnvSpec, 'envClass' | 'variables'>,
  env: Record<string, string | undefined>,
  allowed: readonly string[] = IMAGE_VARIABLES,
): string[] {
  const problems: string[] = [];
  const known = new Set(spec.variables.map((v) => v.name));
  for (const name of Object.keys(env).sort()) {
    if (!known.has(name) && !allowed.includes(name)) problems.push(`unknown variable ${name}`);
  }
  for (const variable of spec.variables) {
    if (variable.required && !(variable.name in env)) {
      problems.push(`required variable ${variable.name} is missing`);
    }
  }
  const values = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => known.has(name) && value !== undefined),
  );
  const placeholders = Object.fromEntries(
    spec.variables
      .filter((v) => v.name in env && env[v.name] === undefined)
      .map((v) => [v.name, placeholderFor(v.name)]),
  );
  try {
    validateEnv(spec.envClass, { ...placeholders, ...values });
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    for (const issue of error.issues) {
      if (issue.set) problems.push(`${issue.variable}: ${issue.problems.join('; ')}`);
    }
  }
  return problems;
}

/** A valid stand-in for a value that only exists at run time (a Secret). */
function placeholderFor(name: string): string {
  if (name === 'DATABASE_URL') return 'postgres://placeholder@127.0.0.1:5432/placeholder';
  return 'x'.repeat(64);
}

/**
 * Every service in apps/ with the env class its main.ts validates (`apps/<service>/src/config/*.env.ts`,
 * the exported subclass of BaseServiceEnv). New services are picked up without changing this file.
 */
export function discoverServiceEnvs(): ServiceEnvSpec[] {
  const appsDir = repoPath('apps');
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(appsDir, d.name, 'src', 'config')))
    .map((d) => d.name)
    .sort()
    .map((service) => {
      const configDir = join(appsDir, service, 'src', 'config');
      const envFiles = readdirSync(configDir).filter((f) => /\.env\.(ts|js)$/.test(f));
      const classes = envFiles.flatMap((file) => envClassesIn(join(configDir, file)));
      if (classes.length !== 1) {
        throw new Error(
          `apps/${service}/src/config: expected one BaseServiceEnv subclass, found ${classes.length}`,
        );
      }
      return { service, ...envSpecOf(classes[0]) };
    });
}

function envClassesIn(file: string): EnvClass[] {
  // A path computed at run time: apps are not importable from tooling through the module graph.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(file) as Record<string, unknown>;
  return Object.values(exported).filter(
    (value): value is EnvClass =>
      typeof value === 'function' && value.prototype instanceof BaseServiceEnv,
  );
}
