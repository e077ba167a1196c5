import { activeTraceId } from '../tracing/trace.propagation';
import { currentContext } from './correlation.context';
import { maskUrlCredentials, redact, serializeError } from './log.redaction';

export const LOG_LEVELS = ['verbose', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const LEVEL_ORDER: Record<LogLevelName, number> = {
  verbose: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};
const RESERVED_KEYS = new Set(['ts', 'level', 'service', 'context', 'msg', 'err', 'stack']);
// The same test Nest's ConsoleLogger uses to tell a stack trace from a context name.
const STACK_FORMAT = /^[^\n]*\n\s+at .+/;

let defaultLevel: LogLevelName = 'info';

/** Minimum level of every logger that was not given one explicitly (bootstrap sets LOG_LEVEL). */
export function setDefaultLogLevel(level: LogLevelName): void {
  defaultLevel = level;
}

export interface JsonLoggerOptions {
  /** Value of the `service` field, e.g. `session-engine`. */
  service: string;
  /** Value of the `context` field, by convention the class name. */
  context?: string;
  /** Minimum level written; defaults to the process-wide default (`setDefaultLogLevel`). */
  level?: LogLevelName;
  /** Fields added to every line of this logger and its children. */
  fields?: Record<string, unknown>;
  /** Where lines go (without trailing newline); defaults to stdout. */
  write?: (line: string) => void;
}

interface SharedState {
  service: string;
  write: (line: string) => void;
  /** Undefined → follow the process-wide default level. */
  enabled?: ReadonlySet<LogLevelName>;
}

/**
 * Structured logger writing one JSON object per line. It has the shape of Nest's `LoggerService`
 * (`app.useLogger(logger)` / `NestFactory.create(..., { logger })`), so `new Logger(Foo.name)` from
 * `@nestjs/common` ends up here, but it does not depend on Nest.
 *
 * Call shapes (Nest-compatible): `log(msg)`, `log(msg, context)`, `log(msg, { fields })`,
 * `log(msg, { fields }, context)`, `error(msg, stack, context)`, `error(err)`, `error(msg, err)`.
 * A trailing string is the context unless it looks like a stack trace.
 */
export class JsonLogger {
  private readonly shared: SharedState;
  private context: string | undefined;
  private readonly fields: Record<string, unknown>;

  /** `shared` is internal: children share output and level settings with their parent. */
  constructor(options: JsonLoggerOptions, shared?: SharedState) {
    this.shared = shared ?? {
      service: options.service,
      write: options.write ?? ((line) => process.stdout.write(`${line}\n`)),
      enabled: options.level ? levelsFrom(options.level) : undefined,
    };
    this.context = options.context;
    this.fields = options.fields ?? {};
  }

  /** A logger with another context (and extra bound fields) sharing output and level settings. */
  child(context: string, fields: Record<string, unknown> = {}): JsonLogger {
    return new JsonLogger(
      { service: this.shared.service, context, fields: { ...this.fields, ...fields } },
      this.shared,
    );
  }

  setContext(context: string): void {
    this.context = context;
  }

  /** Minimum level for this logger and everything sharing its output (parent and children). */
  setLevel(level: LogLevelName): void {
    this.shared.enabled = levelsFrom(level);
  }

  /** Nest's `LoggerService.setLogLevels`; accepts Nest names (`log` = `info`). */
  setLogLevels(levels: readonly string[]): void {
    this.shared.enabled = new Set(
      levels.map((l) => (l === 'log' ? 'info' : l)).filter(isLogLevelName),
    );
  }

  isLevelEnabled(level: LogLevelName): boolean {
    return this.shared.enabled
      ? this.shared.enabled.has(level)
      : LEVEL_ORDER[level] >= LEVEL_ORDER[defaultLevel];
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  info(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: LogLevelName, message: unknown, optionalParams: unknown[]): void {
    if (!this.isLevelEnabled(level)) {
      return;
    }
    try {
      this.shared.write(JSON.stringify(this.buildEntry(level, message, optionalParams)));
    } catch {
      // Logging must never take the process down (e.g. EPIPE on a closed stdout).
    }
  }

  private buildEntry(
    level: LogLevelName,
    message: unknown,
    optionalParams: unknown[],
  ): Record<string, unknown> {
    const params = optionalParams.filter((p) => p !== undefined && p !== null);
    let context = this.context;
    const last = params[params.length - 1];
    if (typeof last === 'string' && !STACK_FORMAT.test(last)) {
      context = last;
      params.pop();
    }

    const fields: Record<string, unknown> = {};
    let err: Error | undefined;
    let stack: string | undefined;
    const extra: unknown[] = [];
    let msg: string;

    if (typeof message === 'string') {
      msg = message;
    } else if (message instanceof Error) {
      msg = message.message;
      err = message;
    } else if (isPlainObject(message)) {
      const { msg: m, message: mm, ...rest } = message;
      msg = typeof m === 'string' ? m : typeof mm === 'string' ? mm : '';
      Object.assign(fields, rest);
    } else {
      msg = String(message);
    }

    for (const param of params) {
      if (param instanceof Error && !err) {
        err = param;
      } else if (typeof param === 'string' && STACK_FORMAT.test(param) && !stack) {
        stack = param;
      } else if (isPlainObject(param)) {
        Object.assign(fields, param);
      } else {
        extra.push(param);
      }
    }

    // `{ err }` / `{ error }` fields are the entry's error, as in `logger.error('failed', { err })`.
    for (const key of ['err', 'error']) {
      if (!err && fields[key] instanceof Error) {
        err = fields[key];
        delete fields[key];
      }
    }

    const entry: Record<string, unknown> = {
      ts: new Date().toISOString(),
      level,
      service: this.shared.service,
    };
    if (context) {
      entry.context = context;
    }
    entry.msg = maskUrlCredentials(msg);
    const payload = redact({ ...currentContext(), ...this.fields, ...fields }) as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(payload)) {
      entry[RESERVED_KEYS.has(key) ? `${key}_` : key] = value;
    }
    // Inside a traced unit of work: the trace id, to go from a log line to its trace.
    const traceId = activeTraceId();
    if (traceId && entry.traceId === undefined) entry.traceId = traceId;
    if (extra.length > 0) {
      entry.args = redact(extra);
    }
    if (err) {
      entry.err = serializeError(err);
    }
    if (stack) {
      entry.stack = maskUrlCredentials(stack);
    }
    return entry;
  }
}

/** `createLogger('session-engine', 'MeterValuesConsumer')`. */
export function createLogger(
  service: string,
  context?: string,
  options: Omit<JsonLoggerOptions, 'service' | 'context'> = {},
): JsonLogger {
  return new JsonLogger({ ...options, service, context });
}

export function isLogLevelName(value: unknown): value is LogLevelName {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

function levelsFrom(min: LogLevelName): ReadonlySet<LogLevelName> {
  return new Set(LOG_LEVELS.filter((l) => LEVEL_ORDER[l] >= LEVEL_ORDER[min]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
