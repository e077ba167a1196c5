import type { EntityManager } from 'typeorm';

export type PushMethod = 'PUT' | 'PATCH' | 'POST' | 'DELETE';

/** One outbound OCPI push, enqueued inside the caller's transaction. */
export interface PushItem {
  partnerId: string;
  /** OCPI ModuleID of the partner's Receiver interface, e.g. `locations`, `sessions`, `cdrs`. */
  module: string;
  /**
   * Order key within the partner: items of one (partnerId, objectKey) are delivered strictly in
   * enqueue order; different keys are independent. E.g. `NL/VLT/LOC1` for a Location and its
   * EVSE/Connector PATCHes (PUT the Location before PATCHing an EVSE), `cdr:<id>` for a CDR.
   */
  objectKey: string;
  method: PushMethod;
  /** Appended to the partner's endpoint URL of `module` (e.g. `NL/VLT/LOC1/EVSE1`). */
  path?: string;
  /**
   * An absolute URL instead of the partner's endpoint + `path` (e.g. a command's `response_url`
   * or a CDR's Location); sent with the partner's token through `OcpiClient.requestUrl`.
   */
  url?: string;
  body?: unknown;
  /** `last_updated` of the pushed object (audit, admin view). */
  lastUpdated?: string;
  /**
   * A full PUT of the object: older undelivered items of the same object (pending or failed,
   * not in flight, never a POST) are superseded by it and not sent.
   */
  replacesPending?: boolean;
  /** Propagated as X-Correlation-ID (OCPI asks to keep the one that caused the push). */
  correlationId?: string;
  /** Receiving party for the routing headers, when the partner (a Hub) has several roles. */
  to?: { countryCode: string; partyId: string };
}

export type PushStatus = 'pending' | 'delivered' | 'failed' | 'superseded';

/** A queue row as the worker and the transport see it. */
export interface QueuedPush {
  id: string;
  partnerId: string;
  module: string;
  objectKey: string;
  method: PushMethod;
  path: string | null;
  /** Absolute target URL (PushItem.url), overriding the module endpoint + path. */
  url?: string | null;
  body: unknown;
  lastUpdated: string | null;
  correlationId: string | null;
  /** W3C trace context captured at enqueue (`traceparent`/`tracestate`); delivery continues it. */
  traceHeaders?: Record<string, string> | null;
  to: { countryCode: string; partyId: string } | null;
  /** Attempts before this one. */
  attempts: number;
  createdAt: Date;
}

/** What one delivery attempt gave. `retriable` decides between backoff and `failed`. */
export interface PushOutcome {
  ok: boolean;
  retriable: boolean;
  httpStatus?: number;
  ocpiStatus?: number;
  error?: string;
  responseHeaders?: Record<string, string>;
}

/** Sends one push to the partner (the real one is backed by OcpiClient). Never throws for HTTP. */
export interface PushTransport {
  deliver(item: QueuedPush): Promise<PushOutcome>;
}

export const PUSH_TRANSPORT = Symbol('OCPI_PUSH_TRANSPORT');

/** A delivered push: `location` is the response `Location` header (a POSTed CDR's URL). */
export interface PushDelivered {
  item: QueuedPush;
  httpStatus?: number;
  ocpiStatus?: number;
  location: string | null;
}

/**
 * Called after a push was marked delivered, inside that transaction (`manager`), so a module can
 * record e.g. the CDR URL at the eMSP atomically with the delivered state. A hook that throws is
 * logged; the row is then marked delivered without it (the Location stays on the row).
 */
export type PushDeliveredHook = (delivered: PushDelivered, manager: EntityManager) => Promise<void>;
