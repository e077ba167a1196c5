/**
 * Whether a failed push is worth retrying, from what the partner answered. Pure.
 *
 * Retriable (the same request may succeed later): no answer at all (network error, timeout),
 * HTTP 5xx, 404 (endpoint or parent object not there yet, e.g. an EVSE PATCH before the Location
 * PUT arrived), 408, 429, and OCPI 3xxx (server errors) in an otherwise successful HTTP answer.
 * Permanent (sending it again cannot help): any other HTTP 4xx, OCPI 2xxx (client errors: invalid
 * or missing parameters, unknown location, …) and any other non-1xxx OCPI status.
 */
export interface PushResponseSummary {
  /** Absent when no HTTP answer arrived (network error, timeout). */
  httpStatus?: number;
  /** `status_code` of the OCPI envelope, when the body had one. */
  ocpiStatus?: number;
}

export type PushVerdict = 'delivered' | 'retry' | 'failed';

const RETRIABLE_4XX = new Set([404, 408, 429]);

export function classifyPushResponse(response: PushResponseSummary): PushVerdict {
  const { httpStatus, ocpiStatus } = response;
  if (httpStatus === undefined) return 'retry';
  if (httpStatus >= 500) return 'retry';
  if (httpStatus >= 400) return RETRIABLE_4XX.has(httpStatus) ? 'retry' : 'failed';
  if (httpStatus < 200 || httpStatus >= 300) return 'failed';
  if (ocpiStatus === undefined) return 'failed';
  if (ocpiStatus >= 1000 && ocpiStatus < 2000) return 'delivered';
  if (ocpiStatus >= 3000 && ocpiStatus < 4000) return 'retry';
  return 'failed';
}
