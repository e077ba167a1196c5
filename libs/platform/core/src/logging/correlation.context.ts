import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Ambient facts about the unit of work in progress (an HTTP request, a consumed event). Every log
 * line written while it is active carries these fields.
 */
export interface LogContext {
  correlationId?: string;
  causationId?: string;
  eventId?: string;
  stationId?: string;
  sessionId?: string;
  [field: string]: string | number | boolean | undefined;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `ctx` merged over the current context (inner values win) and returns its result.
 * The context follows every `await`, timer and callback started inside `fn`.
 */
export function runWithContext<R>(ctx: LogContext, fn: () => R): R {
  return storage.run({ ...storage.getStore(), ...withoutUndefined(ctx) }, fn);
}

/** A copy of the active context, `{}` outside any `runWithContext`. */
export function currentContext(): Readonly<LogContext> {
  return { ...storage.getStore() };
}

/**
 * Adds fields to the active context for the rest of the current unit of work (e.g. the `sessionId`
 * once a handler has resolved it). Returns false, and does nothing, outside `runWithContext`.
 */
export function withContextFields(fields: LogContext): boolean {
  const store = storage.getStore();
  if (!store) {
    return false;
  }
  Object.assign(store, withoutUndefined(fields));
  return true;
}

function withoutUndefined(ctx: LogContext): LogContext {
  const out: LogContext = {};
  for (const [key, value] of Object.entries(ctx)) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}
