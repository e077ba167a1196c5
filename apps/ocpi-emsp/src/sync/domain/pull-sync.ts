/**
 * Pure rules of the pull sync (ADR 0071): what to GET from a CPO partner's Sender endpoints, from
 * which moment on, and when to come back.
 */

export const SYNC_MODULES = ['locations', 'tariffs', 'sessions', 'cdrs'] as const;
export type SyncModule = (typeof SYNC_MODULES)[number];

/** mod_sessions: `date_from` is required on the Sessions Sender GET; the first sync starts at 0. */
export const EPOCH = '1970-01-01T00:00:00Z';

/**
 * The next watermark is the moment the crawl started minus an overlap: objects that changed while
 * we crawled, or whose CPO clock runs a little behind ours, are fetched again next time (every
 * use case ignores what it already holds).
 */
export const WATERMARK_OVERLAP_SECONDS = 60;

/** At most this many pages per module and run (a peer whose Link never ends). */
export const MAX_PAGES = 10_000;

/** Query of the first page: `date_from` = the module's watermark (sessions: epoch when none). */
export function firstPageQuery(module: SyncModule, watermark: Date | null): Record<string, string> {
  if (watermark) return { date_from: formatOcpi(watermark) };
  return module === 'sessions' ? { date_from: EPOCH } : {};
}

export function nextWatermark(crawlStartedAt: Date): Date {
  return new Date(crawlStartedAt.getTime() - WATERMARK_OVERLAP_SECONDS * 1000);
}

/** Next automatic run: the interval plus up to 10 % jitter (T&F › Pull and Push: low frequency). */
export function nextRunAt(now: Date, intervalSeconds: number, random: number): Date {
  const jitter = Math.max(0, Math.min(1, random)) * 0.1;
  return new Date(now.getTime() + intervalSeconds * 1000 * (1 + jitter));
}

/** OCPI DateTime, UTC with `Z`, whole seconds (what every peer parses). */
export function formatOcpi(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The owner of a pulled object (T&F › Client Owned Object Pull): one of the partner's CPO roles. */
export function ownedByPartner(
  roles: { countryCode: string; partyId: string; role: string }[],
  object: { country_code?: unknown; party_id?: unknown },
): boolean {
  if (typeof object.country_code !== 'string' || typeof object.party_id !== 'string') return false;
  const cc = object.country_code.toUpperCase();
  const pid = object.party_id.toUpperCase();
  return roles.some(
    (r) =>
      r.role.toUpperCase() === 'CPO' &&
      r.countryCode.toUpperCase() === cc &&
      r.partyId.toUpperCase() === pid,
  );
}

/**
 * A next-page URL we follow: absolute http(s), on the origin of the partner's endpoint (we send
 * our credentials with it: never to another host) and not fetched already in this crawl.
 */
export function followable(
  next: string | undefined,
  seen: Set<string>,
  endpointUrl: string,
): string | undefined {
  if (!next || seen.has(next)) return undefined;
  try {
    const url = new URL(next);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin === new URL(endpointUrl).origin ? next : undefined;
  } catch {
    return undefined;
  }
}
