/** Keys whose values never reach a log line (matched anywhere in the key, case-insensitive). */
export const SENSITIVE_KEY_PATTERN =
  /(password|secret|token|authorization|api[-_]?key|credential|idtag)/i;
export const REDACTED = '[REDACTED]';
export const MASK = '***';

const MAX_DEPTH = 8;
// scheme://user:password@  → the password is everything up to the last '@' of the authority.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/?#@]*):([^\s/?#]*)@/gi;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY_PATTERN.test(key);
}

/** `postgres://app:s3cret@db:5432/x` → `postgres://app:***@db:5432/x`, anywhere in `text`. */
export function maskUrlCredentials(text: string): string {
  if (!text.includes('://')) {
    return text;
  }
  return text.replace(
    URL_USERINFO,
    (_match, scheme: string, user: string) => `${scheme}${user}:${MASK}@`,
  );
}

/**
 * Like `maskUrlCredentials` for a single URL, and also masks query parameters with sensitive names
 * (`?sslpassword=...`, `?api_key=...`). Returns `[REDACTED]` when `value` is not a URL at all.
 */
export function maskUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return REDACTED;
  }
  if (url.password) {
    url.password = MASK;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (isSensitiveKey(key)) {
      url.searchParams.set(key, MASK);
    }
  }
  return url.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

export interface SerializedError {
  name: string;
  message: string;
  code?: unknown;
  stack?: string;
  [key: string]: unknown;
}

/**
 * Deep copy of `value` that is safe to log: sensitive keys become `[REDACTED]`, credentials in URLs
 * are masked in every string, errors become `{ name, message, code, stack, ... }`, cycles and
 * over-deep structures are cut, and non-JSON values (bigint, Buffer, Map, Set) get a JSON form.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

export function serializeError(err: Error): SerializedError {
  return serializeErrorInner(err, 0, new WeakSet());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return maskUrlCredentials(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return undefined;
    case 'object':
      break;
  }
  if (value === null) {
    return null;
  }
  const obj = value as object;
  if (seen.has(obj)) {
    return '[Circular]';
  }
  if (depth >= MAX_DEPTH) {
    return '[Truncated]';
  }
  if (obj instanceof Error) {
    return serializeErrorInner(obj, depth, seen);
  }
  if (obj instanceof Date) {
    return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  }
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) {
    return `[Binary ${obj.byteLength} bytes]`;
  }
  if (obj instanceof URL) {
    return maskUrlCredentials(obj.toString());
  }
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      return obj.map((item) => redactValue(item, depth + 1, seen));
    }
    if (obj instanceof Set) {
      return [...obj].map((item) => redactValue(item, depth + 1, seen));
    }
    const entries: Iterable<[unknown, unknown]> =
      obj instanceof Map ? obj.entries() : Object.entries(toJsonIfPossible(obj));
    const out: Record<string, unknown> = {};
    for (const [rawKey, entry] of entries) {
      const key = String(rawKey);
      out[key] = isSensitiveKey(key) ? REDACTED : redactValue(entry, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(obj);
  }
}

function toJsonIfPossible(obj: object): object {
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const json: unknown = toJSON.call(obj);
    return typeof json === 'object' && json !== null ? json : { value: json };
  }
  return obj;
}

function serializeErrorInner(err: Error, depth: number, seen: WeakSet<object>): SerializedError {
  seen.add(err);
  try {
    const out: SerializedError = {
      name: err.name,
      message: maskUrlCredentials(String(err.message)),
    };
    const { code } = err as { code?: unknown };
    if (code !== undefined) {
      out.code = code;
    }
    // Own enumerable extras (DomainError.details, pg's `detail`/`table`, kafkajs's `retriable`...).
    for (const [key, entry] of Object.entries(err)) {
      if (key === 'name' || key === 'message' || key === 'stack' || key === 'code') {
        continue;
      }
      out[key] = isSensitiveKey(key) ? REDACTED : redactValue(entry, depth + 1, seen);
    }
    if (err.stack) {
      out.stack = maskUrlCredentials(err.stack);
    }
    if (err.cause !== undefined) {
      out.cause = redactValue(err.cause, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(err);
  }
}
