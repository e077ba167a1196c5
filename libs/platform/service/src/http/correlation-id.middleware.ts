import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { runWithContext } from '@voltlane/platform-core';
import type { HttpRequestLike, HttpResponseLike, NextFunction } from './http.types';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
// Accept what callers plausibly send (uuids, ulids, trace ids); refuse anything that could forge
// log lines or bloat them, and start a new correlation instead.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Takes `x-correlation-id` from the request (or makes a uuid), echoes it on the response and runs
 * the rest of the request inside the platform-core log context, so every log line and every event
 * written while handling it carries the same correlationId.
 */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(req: HttpRequestLike, res: HttpResponseLike, next: NextFunction): void {
    const correlationId = correlationIdOf(req);
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    runWithContext({ correlationId }, () => next());
  }
}

export function correlationIdOf(req: HttpRequestLike): string {
  const header = req.headers[CORRELATION_ID_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
