import { tracedFetch } from '@voltlane/platform-core';
import { randomUUID } from 'node:crypto';
import { classifyPushResponse } from './domain/push-outcome.classifier';
import type { PushOutcome, PushTransport, QueuedPush } from './push.types';

/** Where and how one push is sent: the absolute URL and extra headers (Authorization, routing). */
export interface HttpPushTarget {
  url: string;
  headers?: Record<string, string>;
}

/** Resolves a queued push to its HTTP target; throwing makes the attempt retriable. */
export type HttpPushTargetResolver = (item: QueuedPush) => HttpPushTarget | Promise<HttpPushTarget>;

/**
 * A PushTransport over plain HTTP (global fetch): sends the item's method and JSON body to the
 * resolved URL with `X-Request-ID` (new per attempt) and `X-Correlation-ID`, reads the OCPI
 * envelope's `status_code` and classifies the answer (classifyPushResponse). Never throws. The
 * production transport is backed by OcpiClient (partner URLs and tokens); this one serves
 * deployments that resolve targets themselves, tests and benchmarks.
 */
export class HttpPushTransport implements PushTransport {
  constructor(
    private readonly resolve: HttpPushTargetResolver,
    private readonly timeoutMs = 10_000,
  ) {}

  async deliver(item: QueuedPush): Promise<PushOutcome> {
    let target: HttpPushTarget;
    try {
      target = await this.resolve(item);
    } catch (err) {
      return { ok: false, retriable: true, error: `no target: ${String(err)}` };
    }
    let response: Response;
    try {
      response = await tracedFetch(target.url, {
        method: item.method,
        headers: {
          ...(item.body === null || item.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
          'x-request-id': randomUUID(),
          'x-correlation-id': item.correlationId ?? randomUUID(),
          ...target.headers,
        },
        body: item.body === null || item.body === undefined ? undefined : JSON.stringify(item.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      return {
        ok: false,
        retriable: true,
        error: `${String(err)}${cause ? ` (${String(cause)})` : ''}`,
      };
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    let ocpiStatus: number | undefined;
    let statusMessage: string | undefined;
    const text = await response.text().catch(() => '');
    try {
      const body = JSON.parse(text) as { status_code?: unknown; status_message?: unknown };
      if (typeof body.status_code === 'number') ocpiStatus = body.status_code;
      if (typeof body.status_message === 'string') statusMessage = body.status_message;
    } catch {
      // not JSON: judged by the HTTP status alone
    }
    const verdict = classifyPushResponse({ httpStatus: response.status, ocpiStatus });
    return {
      ok: verdict === 'delivered',
      retriable: verdict === 'retry',
      httpStatus: response.status,
      ocpiStatus,
      error:
        verdict === 'delivered'
          ? undefined
          : [
              `HTTP ${response.status}`,
              ocpiStatus === undefined ? 'no OCPI status' : `OCPI ${ocpiStatus}`,
              statusMessage,
            ]
              .filter(Boolean)
              .join(', '),
      responseHeaders,
    };
  }
}
