import {
  context,
  type Context,
  type Link,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** The W3C trace context of a unit of work as string headers: `traceparent` (+ `tracestate`). */
export type TraceHeaders = Record<string, string>;

/** Instrumentation scope of every span Voltlane code creates. */
export const VOLTLANE_TRACER_NAME = 'voltlane';

// W3C Trace Context is used directly rather than through the global propagator: a service whose
// tracing is off (no exporter) still passes its callers' trace context on unchanged.
const propagator = new W3CTraceContextPropagator();

type HeaderBag = Record<string, string | string[] | number | undefined | null>;

const headerGetter = {
  keys: (carrier: HeaderBag) => Object.keys(carrier),
  get: (carrier: HeaderBag, key: string): string | string[] | undefined => {
    const value = carrier[key] ?? carrier[key.toLowerCase()];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'number' ? String(value) : value;
  },
};

const headerSetter = {
  set: (carrier: TraceHeaders, key: string, value: string) => {
    carrier[key] = value;
  },
};

export function voltlaneTracer(): Tracer {
  return trace.getTracer(VOLTLANE_TRACER_NAME);
}

/**
 * The trace headers of `ctx` (default: the active context): `{}` when it has no valid span, so
 * callers can spread the result into a header object unconditionally.
 */
export function traceHeadersOf(ctx: Context = context.active()): TraceHeaders {
  const headers: TraceHeaders = {};
  propagator.inject(ctx, headers, headerSetter);
  return headers;
}

/** Adds the trace headers of `ctx` to `headers` (kept as they are when there is no span). */
export function injectTraceHeaders<H extends Record<string, string>>(
  headers: H,
  ctx: Context = context.active(),
): H {
  propagator.inject(ctx, headers, headerSetter);
  return headers;
}

/**
 * The remote parent described by `traceparent`/`tracestate` in `headers` (HTTP request headers,
 * Kafka record headers), on top of `base` (default: the root context, i.e. a fresh unit of work).
 * Headers without a valid `traceparent` give `base` back.
 */
export function extractTraceContext(headers: HeaderBag, base: Context = ROOT_CONTEXT): Context {
  return propagator.extract(base, headers, headerGetter);
}

/** The span context carried by `headers`, if any (for span links). */
export function spanContextOf(headers: HeaderBag): SpanContext | undefined {
  const spanContext = trace.getSpanContext(extractTraceContext(headers));
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The trace id of the active span, or undefined (for logs and test assertions). */
export function activeTraceId(ctx: Context = context.active()): string | undefined {
  const spanContext = trace.getSpanContext(ctx);
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export interface RunInSpanOptions extends SpanOptions {
  /** Parent context; default: the active context. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new span (active for everything `fn` starts, across awaits), ends it when `fn`
 * settles, and records a thrown error on it (status ERROR) before rethrowing.
 */
export async function runInSpan<R>(
  name: string,
  options: RunInSpanOptions,
  fn: (span: Span) => Promise<R> | R,
): Promise<R> {
  const { parent, ...spanOptions } = options;
  const span = voltlaneTracer().startSpan(name, spanOptions, parent ?? context.active());
  try {
    return await context.with(trace.setSpan(parent ?? context.active(), span), () => fn(span));
  } catch (err) {
    markSpanFailed(span, err);
    throw err;
  } finally {
    span.end();
  }
}

/** Records `err` on `span` and sets its status to ERROR. */
export function markSpanFailed(span: Span, err: unknown): void {
  if (err instanceof Error) span.recordException(err);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: err instanceof Error ? err.message : String(err),
  });
}

/**
 * A zero-length PRODUCER span under `parent`, linked to the active span: the parent of an event
 * published by a batch handler on behalf of one consumed event, so the trace of that event goes on
 * (the batch's own span only links the events it processed). Returns the span's trace headers.
 */
export function publishSpanHeaders(
  name: string,
  parent: Context,
  attributes: SpanOptions['attributes'] = {},
): TraceHeaders {
  const active = trace.getSpanContext(context.active());
  const links: Link[] = active && trace.isSpanContextValid(active) ? [{ context: active }] : [];
  const span = voltlaneTracer().startSpan(
    name,
    { kind: SpanKind.PRODUCER, attributes, links },
    parent,
  );
  const headers = traceHeadersOf(trace.setSpan(parent, span));
  span.end();
  return headers;
}

export { SpanKind, SpanStatusCode, context as otelContext, trace as otelTrace };
export type { Context as TraceContext, Span, Link as SpanLink };
