import { OcpiStatus, type OcpiStatusCode } from './ocpi-status-codes';
import { formatOcpiDateTime } from './ocpi-date-time';

/** The envelope of every OCPI response body, errors included (transport_and_format: Response format). */
export interface OcpiResponse<T> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

export function ocpiSuccess<T>(data?: T, now: Date = new Date()): OcpiResponse<T> {
  const body: OcpiResponse<T> = {
    status_code: OcpiStatus.Success,
    timestamp: formatOcpiDateTime(now),
  };
  if (data !== undefined) body.data = data;
  return body;
}

export function ocpiError(
  statusCode: OcpiStatusCode | number,
  message: string,
  now: Date = new Date(),
): OcpiResponse<never> {
  return { status_code: statusCode, status_message: message, timestamp: formatOcpiDateTime(now) };
}

/** Reads a peer's response body; throws when it is not an OCPI envelope. */
export function parseOcpiResponse<T = unknown>(body: unknown): OcpiResponse<T> {
  if (typeof body !== 'object' || body === null)
    throw new Error('OCPI response is not a JSON object');
  const { status_code, timestamp } = body as Record<string, unknown>;
  if (typeof status_code !== 'number' || !Number.isInteger(status_code)) {
    throw new Error('OCPI response has no integer status_code');
  }
  if (typeof timestamp !== 'string') throw new Error('OCPI response has no timestamp');
  return body as OcpiResponse<T>;
}
