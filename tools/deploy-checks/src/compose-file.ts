import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { repoPath } from './repo-root';

export interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | Record<string, unknown>)[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  stop_grace_period?: string;
  read_only?: boolean;
  [key: string]: unknown;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** Parses a compose file the way `docker compose` does before validating: YAML merge keys resolved. */
export function parseCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

export function loadRepoCompose(): ComposeFile {
  return parseCompose(readFileSync(repoPath('docker-compose.yml'), 'utf8'));
}

/** Validates against the vendored Compose Specification schema; returns readable errors. */
export function validateComposeSchema(document: unknown): string[] {
  // The file declares draft-07 under its https:// URL, which Ajv (draft-07 by default) does not
  // know by that name: drop the declaration, keep the dialect.
  const { $schema: _dialect, ...schema } = JSON.parse(
    readFileSync(repoPath('tools/deploy-checks/schemas/compose-spec.json'), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(document) ? [] : formatErrors(validate.errors ?? []);
}

export function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
        : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

/**
 * Compose variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR`, `$$`.
 * `vars` stands for the shell environment (empty in CI: the file's defaults apply).
 */
export function interpolate(value: string, vars: Record<string, string | undefined> = {}): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      whole,
      name: string | undefined,
      op: string | undefined,
      fallback: string | undefined,
      bare: string | undefined,
    ) => {
      if (whole === '$$') return '$';
      const key = (name ?? bare) as string;
      const current = vars[key];
      if (op === ':-') return current ? current : (fallback ?? '');
      if (op === '-') return current !== undefined ? current : (fallback ?? '');
      return current ?? '';
    },
  );
}

/** A service's environment as a map of strings (list form `KEY=value` included), interpolated. */
export function environmentOf(
  service: ComposeService,
  vars: Record<string, string | undefined> = {},
): Record<string, string> {
  const env = service.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, interpolate(v, vars)]));
}
