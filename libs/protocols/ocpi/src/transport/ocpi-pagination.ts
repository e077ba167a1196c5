import { isOcpiDateTime, parseOcpiDateTime } from './ocpi-date-time';

/** Parsed `date_from` (inclusive), `date_to` (exclusive), `offset`, `limit` of a list GET. */
export interface PageRequest {
  dateFrom?: Date;
  dateTo?: Date;
  offset: number;
  limit: number;
}

export type PageRequestResult = { ok: true; page: PageRequest } | { ok: false; error: string };

/**
 * Reads pagination parameters; `limit` is capped at `maxLimit` (the server's X-Limit), a missing
 * limit means `maxLimit`. Bad values are reported (OCPI 2001), never silently ignored.
 */
export function parsePageRequest(
  query: Record<string, unknown>,
  maxLimit: number,
): PageRequestResult {
  const page: PageRequest = { offset: 0, limit: maxLimit };
  for (const [name, key] of [
    ['date_from', 'dateFrom'],
    ['date_to', 'dateTo'],
  ] as const) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (!isOcpiDateTime(value))
      return { ok: false, error: `${name} must be an OCPI DateTime (UTC)` };
    page[key] = parseOcpiDateTime(value);
  }
  for (const name of ['offset', 'limit'] as const) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
      return { ok: false, error: `${name} must be a non-negative integer` };
    }
    page[name] = Number(value);
  }
  if (page.limit === 0 && query.limit !== undefined)
    return { ok: false, error: 'limit must be at least 1' };
  page.limit = Math.min(page.limit, maxLimit);
  return { ok: true, page };
}

export interface PageHeaders {
  'X-Total-Count': string;
  'X-Limit': string;
  Link?: string;
}

/**
 * Response headers of a page: X-Total-Count (all matches, ignoring offset/limit), X-Limit (the
 * server's maximum page size) and, unless this is the last page, `Link: <next>; rel="next"` that
 * repeats the original filters.
 */
export function pageHeaders(
  baseUrl: string,
  page: PageRequest,
  total: number,
  returned: number,
  maxLimit: number,
): PageHeaders {
  const headers: PageHeaders = { 'X-Total-Count': String(total), 'X-Limit': String(maxLimit) };
  const nextOffset = page.offset + returned;
  if (returned > 0 && nextOffset < total) {
    const url = new URL(baseUrl);
    if (page.dateFrom) url.searchParams.set('date_from', page.dateFrom.toISOString());
    if (page.dateTo) url.searchParams.set('date_to', page.dateTo.toISOString());
    url.searchParams.set('offset', String(nextOffset));
    url.searchParams.set('limit', String(page.limit));
    headers.Link = `<${url.toString()}>; rel="next"`;
  }
  return headers;
}

/** The `rel="next"` URL of a Link header, if any (for pulling from peers). */
export function nextPageUrl(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}
