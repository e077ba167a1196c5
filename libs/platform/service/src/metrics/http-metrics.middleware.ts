import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import type { HttpRequestLike, HttpResponseLike, NextFunction } from '../http/http.types';
import { MetricsService } from './metrics.service';

type HttpLabels = 'method' | 'route' | 'status';

/** Route label of requests no route matched: keeps scanners from exploding label cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

/** `http_requests_total` and `http_request_duration_seconds` by method, route template, status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests: Counter<HttpLabels>;
  private readonly duration: Histogram<HttpLabels>;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter({
      name: 'http_requests_total',
      help: 'HTTP requests handled, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
    });
    this.duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  use(req: HttpRequestLike, res: HttpResponseLike, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

function routeOf(req: HttpRequestLike): string {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
