/**
 * OCPI DateTime: RFC 3339 in UTC only. Accepted on input: `YYYY-MM-DDThh:mm:ss`, optional fraction,
 * optional `Z` (absent means UTC). An explicit offset (even +00:00) is not an OCPI DateTime.
 */
export const OCPI_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z?$/;

export function isOcpiDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !OCPI_DATE_TIME_PATTERN.test(value)) return false;
  return !Number.isNaN(parseOcpiDateTime(value).getTime());
}

/** Parses an OCPI DateTime (with or without `Z`) as UTC. */
export function parseOcpiDateTime(value: string): Date {
  return new Date(value.endsWith('Z') ? value : `${value}Z`);
}

/** What we emit: `YYYY-MM-DDThh:mm:ss.sssZ` — always UTC with `Z`. */
export function formatOcpiDateTime(date: Date): string {
  return date.toISOString();
}
