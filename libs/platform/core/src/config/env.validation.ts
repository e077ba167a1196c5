import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { DomainError } from '../errors/domain.error';
import { stripPropertyPrefix } from '../errors/platform.errors';
import { MASK, maskUrlCredentials } from '../logging/log.redaction';
import { isSensitiveProperty, sensitivePropertiesOf } from './sensitive.decorator';

/** sysexits.h EX_CONFIG: the process cannot start because its configuration is wrong. */
export const EX_CONFIG = 78;

export type EnvSource = Readonly<Record<string, string | undefined>>;
export type EnvClass<T extends object> = new () => T;

export interface ConfigIssue {
  variable: string;
  /** class-validator messages without the leading variable name. */
  problems: string[];
  /** False when the variable was absent or empty. */
  set: boolean;
  /** True when the value is secret; `value` is then never filled. */
  sensitive: boolean;
  /** The offending raw value (truncated, URL passwords masked) for non-sensitive variables. */
  value?: string;
}

/** Thrown by `validateEnv`; `issues` lists every bad variable, the message does too. */
export class ConfigValidationError extends DomainError {
  readonly code: string = 'PLATFORM.CONFIG_INVALID';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(formatMessage(issues));
    this.issues = issues;
  }
}

const NUMBER_VALIDATORS = new Set([
  'isInt',
  'isNumber',
  'min',
  'max',
  'isPositive',
  'isNegative',
  'isDivisibleBy',
]);
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
const MAX_SHOWN_VALUE = 200;

/**
 * Builds and validates an env class from `env` (default `process.env`).
 *
 * - Only properties the class declares are read (decorated, or with a default initialiser).
 * - Unset and empty variables keep the class default (the field initialiser).
 * - Numbers and booleans are converted from strings. The property type comes from the decorator
 *   metadata, the default value, or its validators (`@IsInt`, `@Min`, `@IsBoolean`...). Booleans
 *   accept true/false, 1/0, yes/no, on/off; anything else is kept as a string and fails validation
 *   (class-transformer's own implicit conversion would turn "false" into `true`).
 * - `@Transform`/`@Type` from class-transformer still apply (plainToInstance).
 *
 * Throws `ConfigValidationError` listing every failing variable.
 */
export function validateEnv<T extends object>(
  EnvClass: EnvClass<T>,
  env: EnvSource = process.env,
): T {
  const defaults = new EnvClass();
  const plain: Record<string, unknown> = {};
  for (const key of declaredProperties(EnvClass, defaults)) {
    const raw = env[key];
    if (raw === undefined || raw === '') {
      continue;
    }
    plain[key] = convert(raw, kindOf(EnvClass, key, defaults));
  }
  const instance = plainToInstance(EnvClass, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance, {
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new ConfigValidationError(toIssues(EnvClass, errors, env));
  }
  return instance;
}

export interface LoadConfigOptions {
  env?: EnvSource;
  /** Written into the error line's `service` field. */
  serviceName?: string;
  /** For tests; defaults to `process.exit`. */
  exit?: (code: number) => never;
  /** For tests; defaults to writing the line to stderr. */
  writeError?: (line: string) => void;
}

/**
 * `validateEnv`, or — when the configuration is invalid — one JSON line on stderr listing every bad
 * variable, then exit with code 78 (EX_CONFIG). For `main.ts`; never use it in library code.
 */
export function loadConfigOrExit<T extends object>(
  EnvClass: EnvClass<T>,
  options: LoadConfigOptions = {},
): T {
  try {
    return validateEnv(EnvClass, options.env ?? process.env);
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) {
      throw err;
    }
    const line = JSON.stringify({
      ts: new Date().toISOString(),
      level: 'fatal',
      ...(options.serviceName ? { service: options.serviceName } : {}),
      context: 'Config',
      msg: `invalid configuration: ${err.issues.length} environment variable(s) failed validation`,
      code: err.code,
      exitCode: EX_CONFIG,
      errors: err.issues,
    });
    (options.writeError ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
    return (options.exit ?? ((code: number) => process.exit(code)))(EX_CONFIG);
  }
}

function declaredProperties(EnvClass: EnvClass<object>, defaults: object): string[] {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(EnvClass, '', true, false)
    .map((m) => m.propertyName);
  return [...new Set([...Object.keys(defaults), ...validated, ...sensitivePropertiesOf(EnvClass)])];
}

type Kind = 'number' | 'boolean' | 'string';

function kindOf(EnvClass: EnvClass<object>, key: string, defaults: object): Kind {
  const designType: unknown = Reflect.getMetadata('design:type', EnvClass.prototype, key);
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  const defaultValue = (defaults as Record<string, unknown>)[key];
  if (typeof defaultValue === 'number') return 'number';
  if (typeof defaultValue === 'boolean') return 'boolean';
  const validators = getMetadataStorage()
    .getTargetValidationMetadatas(EnvClass, '', true, false)
    .filter((m) => m.propertyName === key)
    .map((m) => m.name ?? m.type);
  if (validators.includes('isBoolean')) return 'boolean';
  if (validators.some((name) => NUMBER_VALIDATORS.has(name))) return 'number';
  return 'string';
}

function convert(raw: string, kind: Kind): unknown {
  const trimmed = raw.trim();
  if (kind === 'number') {
    return NUMERIC.test(trimmed) ? Number(trimmed) : raw;
  }
  if (kind === 'boolean') {
    const lower = trimmed.toLowerCase();
    return TRUE.has(lower) ? true : FALSE.has(lower) ? false : raw;
  }
  return raw;
}

function toIssues(
  EnvClass: EnvClass<object>,
  errors: readonly ValidationError[],
  env: EnvSource,
  parent = '',
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const error of errors) {
    const variable = parent ? `${parent}.${error.property}` : error.property;
    const raw = parent ? undefined : env[error.property];
    const sensitive = isSensitiveProperty(EnvClass, error.property);
    const problems = Object.values(error.constraints ?? {}).map((message) => {
      const text = stripPropertyPrefix(message, error.property);
      return sensitive ? scrub(text, raw) : maskUrlCredentials(text);
    });
    if (problems.length > 0) {
      const set = raw !== undefined && raw !== '';
      const issue: ConfigIssue = { variable, problems, set, sensitive };
      if (set && !sensitive) {
        issue.value = maskUrlCredentials(truncate(raw));
      }
      issues.push(issue);
    }
    if (error.children?.length) {
      issues.push(...toIssues(EnvClass, error.children, env, variable));
    }
  }
  return issues;
}

/** Custom messages may interpolate `$value`; make sure a secret never survives that. */
function scrub(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join(MASK) : text;
}

function truncate(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

function formatMessage(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const shown = !issue.set
      ? ' (not set)'
      : issue.sensitive
        ? ' (value hidden: sensitive)'
        : ` (got ${JSON.stringify(issue.value)})`;
    return `  - ${issue.variable}${shown}: ${issue.problems.join('; ')}`;
  });
  return `Invalid configuration: ${issues.length} environment variable(s) failed validation\n${lines.join('\n')}`;
}
