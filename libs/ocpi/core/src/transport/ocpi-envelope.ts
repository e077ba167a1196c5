import { ocpiError, type OcpiResponse } from '@voltlane/protocols-ocpi';
import { type HeaderBag, requestIdOf, X_CORRELATION_ID, X_REQUEST_ID } from './ocpi-headers';

/** Minimal response surface shared by the filter, the interceptor and the raw Express hooks. */
export interface ResponseLike {
  headersSent: boolean;
  statusCode: number;
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  getHeader(name: string): unknown;
  send(body: string): unknown;
}

/** Echoes X-Request-ID (generated when absent) and X-Correlation-ID on an OCPI response. */
export function echoIds(req: HeaderBag, res: ResponseLike): void {
  if (!res.getHeader(X_REQUEST_ID)) res.setHeader(X_REQUEST_ID, requestIdOf(req));
  const corr = req.headers[X_CORRELATION_ID];
  if (!res.getHeader(X_CORRELATION_ID) && typeof corr === 'string' && corr) {
    res.setHeader(X_CORRELATION_ID, corr);
  }
}

export function writeEnvelope(
  req: HeaderBag,
  res: ResponseLike,
  httpStatus: number,
  body: OcpiResponse<unknown>,
): void {
  if (res.headersSent) return;
  echoIds(req, res);
  res.status(httpStatus);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.send(JSON.stringify(body));
}

export function writeOcpiError(
  req: HeaderBag,
  res: ResponseLike,
  httpStatus: number,
  ocpiStatus: number,
  message: string,
): void {
  writeEnvelope(req, res, httpStatus, ocpiError(ocpiStatus, message));
}
