import { randomUUID } from 'node:crypto';
import { tracedFetch } from '@voltlane/platform-core';
import { isOcpiSuccess, parseOcpiResponse, tokenAuthorization } from '@voltlane/protocols-ocpi';
import type { TokenEncoding } from '../partners/partner.model';
import {
  OCPI_FROM_COUNTRY_CODE,
  OCPI_FROM_PARTY_ID,
  OCPI_TO_COUNTRY_CODE,
  OCPI_TO_PARTY_ID,
  type PartyRef,
} from '../transport/ocpi-headers';

/** The outcome of one outbound OCPI call. Never thrown: errors are returned. */
export interface OcpiCallResult<T = unknown> {
  /** HTTP 2xx and OCPI status_code 1xxx. */
  ok: boolean;
  /** 0 when no HTTP answer arrived (connection refused, timeout). */
  httpStatus: number;
  ocpiStatus?: number;
  statusMessage?: string;
  data?: T;
  headers: Record<string, string>;
  /** What went wrong, for logs and admin errors (never contains the token). */
  error?: string;
}

export interface OcpiHttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token: string;
  encoding: TokenEncoding;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  routing?: { from: PartyRef; to?: PartyRef };
  correlationId?: string;
  timeoutMs: number;
}

/** One OCPI HTTP exchange with a peer: Token header, request/correlation ids, envelope parsing. */
export async function ocpiHttpCall<T = unknown>(call: OcpiHttpCall): Promise<OcpiCallResult<T>> {
  const url = new URL(call.url);
  for (const [k, v] of Object.entries(call.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = {
    authorization: tokenAuthorization(call.token, call.encoding),
    'x-request-id': randomUUID(),
    'x-correlation-id': call.correlationId ?? randomUUID(),
    accept: 'application/json',
  };
  if (call.routing) {
    headers[OCPI_FROM_COUNTRY_CODE] = call.routing.from.countryCode;
    headers[OCPI_FROM_PARTY_ID] = call.routing.from.partyId;
    if (call.routing.to) {
      headers[OCPI_TO_COUNTRY_CODE] = call.routing.to.countryCode;
      headers[OCPI_TO_PARTY_ID] = call.routing.to.partyId;
    }
  }
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await tracedFetch(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
      redirect: 'manual',
    });
  } catch (err) {
    const reason =
      err instanceof Error && err.name === 'TimeoutError'
        ? `timed out after ${call.timeoutMs} ms`
        : `unreachable (${causeOf(err)})`;
    return {
      ok: false,
      httpStatus: 0,
      headers: {},
      error: `${call.method} ${safeUrl(url)}: ${reason}`,
    };
  }
  const resHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => (resHeaders[k] = v));
  const text = await res.text().catch(() => '');
  let envelope;
  try {
    envelope = parseOcpiResponse<T>(JSON.parse(text));
  } catch (err) {
    return {
      ok: false,
      httpStatus: res.status,
      headers: resHeaders,
      error: `${call.method} ${safeUrl(url)}: HTTP ${res.status}, not an OCPI response (${(err as Error).message})`,
    };
  }
  const ok = res.ok && isOcpiSuccess(envelope.status_code);
  return {
    ok,
    httpStatus: res.status,
    ocpiStatus: envelope.status_code,
    statusMessage: envelope.status_message,
    data: envelope.data,
    headers: resHeaders,
    ...(ok
      ? {}
      : {
          error: `${call.method} ${safeUrl(url)}: HTTP ${res.status}, OCPI ${envelope.status_code}${
            envelope.status_message ? ` ${envelope.status_message}` : ''
          }`,
        }),
  };
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** The URL without query (may carry filters) for messages. */
function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Joins an endpoint URL and a relative path with exactly one slash. */
export function joinUrl(base: string, path?: string): string {
  if (!path) return base;
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
