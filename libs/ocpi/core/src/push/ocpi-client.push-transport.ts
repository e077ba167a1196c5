import type { OcpiClient } from '../client/ocpi.client';
import { classifyPushResponse } from './domain/push-outcome.classifier';
import type { PushOutcome, PushTransport, QueuedPush } from './push.types';

/**
 * The production PushTransport: sends each push to the partner's RECEIVER endpoint of the item's
 * module through OcpiClient (the token the partner issued to us, X-Request-ID, the item's
 * X-Correlation-ID, routing headers), `path` appended to the endpoint URL. An answer-less call
 * (network error, timeout — and also a partner not registered or without that endpoint, which an
 * operator can fix) is retried; HTTP/OCPI errors are classified by classifyPushResponse.
 */
export class OcpiClientPushTransport implements PushTransport {
  constructor(private readonly client: OcpiClient) {}

  async deliver(item: QueuedPush): Promise<PushOutcome> {
    const result = item.url
      ? await this.client.requestUrl(item.partnerId, item.url, {
          method: item.method,
          body: item.body ?? undefined,
          correlationId: item.correlationId ?? undefined,
          to: item.to ?? undefined,
        })
      : await this.client.request(item.partnerId, {
          module: item.module,
          interfaceRole: 'RECEIVER',
          method: item.method,
          path: item.path ?? undefined,
          body: item.body ?? undefined,
          correlationId: item.correlationId ?? undefined,
          to: item.to ?? undefined,
        });
    const httpStatus = result.httpStatus > 0 ? result.httpStatus : undefined;
    const verdict = result.ok
      ? 'delivered'
      : classifyPushResponse({ httpStatus, ocpiStatus: result.ocpiStatus });
    return {
      ok: verdict === 'delivered',
      retriable: verdict === 'retry',
      httpStatus,
      ocpiStatus: result.ocpiStatus,
      error:
        verdict === 'delivered'
          ? undefined
          : (result.error ??
            [
              httpStatus === undefined ? 'no answer' : `HTTP ${httpStatus}`,
              result.ocpiStatus === undefined ? undefined : `OCPI ${result.ocpiStatus}`,
              result.statusMessage,
            ]
              .filter(Boolean)
              .join(', ')),
      responseHeaders: result.headers,
    };
  }
}
