import { Injectable, type NestMiddleware, type OnApplicationShutdown } from '@nestjs/common';
import {
  extractTraceContext,
  otelContext,
  otelTrace,
  SpanKind,
  SpanStatusCode,
  tracingHandle,
  voltlaneTracer,
  withTimeout,
} from '@voltlane/platform-core';
import type { HttpRequestLike, HttpResponseLike, NextFunction } from '../http/http.types';

/** Probes and scrapes: answered without a span (they would drown every real request). */
const UNTRACED_PATHS = /^\/(health\/(live|ready)|metrics)\/?(\?|$)/;

/**
 * One SERVER span per HTTP request (`<METHOD> <route template>`), continuing the caller's W3C
 * `traceparent` when it sends one; active for the whole request, so outgoing calls and events
 * written while handling it belong to the same trace. 5xx answers mark the span as failed.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  use(req: HttpRequestLike, res: HttpResponseLike, next: NextFunction): void {
    const path = req.originalUrl ?? req.url;
    if (UNTRACED_PATHS.test(path)) {
      next();
      return;
    }
    const parent = extractTraceContext(req.headers);
    const span = voltlaneTracer().startSpan(
      `${req.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': path.split('?')[0],
        },
      },
      parent,
    );
    res.once('finish', () => {
      const route = req.route?.path;
      if (typeof route === 'string') {
        const template = `${req.baseUrl ?? ''}${route}`;
        span.setAttribute('http.route', template);
        span.updateName(`${req.method} ${template}`);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    res.once('close', () => span.end()); // aborted requests: ending twice is a no-op
    otelContext.with(otelTrace.setSpan(parent, span), () => next());
  }
}

/** Exports the spans still buffered when the application shuts down (bounded to 3 s). */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await withTimeout(tracingHandle().forceFlush(), 3_000, 'trace flush').catch(() => undefined);
  }
}
