import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { markSpanFailed, traceHeadersOf, voltlaneTracer } from './trace.propagation';

/**
 * `fetch` with an HTTP CLIENT span (`HTTP <METHOD>`, method, URL without credentials or query,
 * status code) whose context is sent as `traceparent`, so the server's span continues the trace.
 * Responses ≥ 500 and network errors mark the span as failed.
 */
export async function tracedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const span = voltlaneTracer().startSpan(
    `HTTP ${method}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': method,
        'url.full': `${url.protocol}//${url.host}${url.pathname}`,
        'server.address': url.hostname,
        ...(url.port ? { 'server.port': Number(url.port) } : {}),
      },
    },
    context.active(),
  );
  const headers = new Headers(init.headers);
  const traceHeaders = traceHeadersOf(trace.setSpan(context.active(), span));
  for (const [name, value] of Object.entries(traceHeaders)) headers.set(name, value);
  try {
    const response = await fetch(url, { ...init, headers });
    span.setAttribute('http.response.status_code', response.status);
    if (response.status >= 500) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${response.status}` });
    }
    return response;
  } catch (err) {
    markSpanFailed(span, err);
    throw err;
  } finally {
    span.end();
  }
}
