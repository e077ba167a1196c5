import { type PageRequest, pageHeaders, parsePageRequest } from '@voltlane/protocols-ocpi';
import { OcpiException } from './ocpi.exception';
import { OcpiResult } from './ocpi-result';

export type { PageRequest };

/** Reads `offset/limit/date_from/date_to`; bad values → HTTP 400 + OCPI 2001. */
export function parseOcpiPage(query: Record<string, unknown>, maxLimit: number): PageRequest {
  const result = parsePageRequest(query, maxLimit);
  if (!result.ok) throw OcpiException.invalidParameters(result.error);
  return result.page;
}

export interface OcpiPageInput<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
  dateFrom?: Date;
  dateTo?: Date;
}

/**
 * A page as an OcpiResult: `data` = items, headers `X-Total-Count`, `X-Limit` (= maxLimit) and a
 * `Link rel="next"` on `url` (the public URL of the list endpoint) unless this is the last page.
 */
export function ocpiPage<T>(
  url: string,
  page: OcpiPageInput<T>,
  maxLimit: number,
): OcpiResult<T[]> {
  const headers = pageHeaders(
    url,
    { offset: page.offset, limit: page.limit, dateFrom: page.dateFrom, dateTo: page.dateTo },
    page.total,
    page.items.length,
    maxLimit,
  );
  return new OcpiResult(page.items, { headers: { ...headers } });
}
