/**
 * Parsing of the explicit infrastructure environment variables (resolution step 1). Pure: takes the
 * raw values so it can be unit tested without touching `process.env`.
 */

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

/**
 * `KAFKA_BROKERS`: comma-separated `host:port` list. Returns `undefined` when unset or blank, throws
 * when set but malformed (a typo must not silently fall through to another source).
 */
export function parseKafkaBrokers(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const brokers = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = brokers.filter((broker) => {
    const match = HOST_PORT.exec(broker);
    if (!match) return true;
    const port = Number(match[1]);
    return port < 1 || port > 65535;
  });
  if (brokers.length === 0 || invalid.length > 0) {
    throw new Error(
      `KAFKA_BROKERS must be a comma-separated list of host:port, got ${JSON.stringify(raw)}` +
        (invalid.length > 0 ? ` (invalid: ${invalid.join(', ')})` : ''),
    );
  }
  return brokers;
}

/**
 * `DATABASE_URL`: a `postgres://` or `postgresql://` URL. Returns `undefined` when unset or blank,
 * throws when set but not a PostgreSQL URL.
 */
export function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL: ${redactUrl(value)}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql://, got ${url.protocol}//`,
    );
  }
  if (url.hostname === '') throw new Error('DATABASE_URL has no host');
  return value;
}

/** Hides the password of a connection URL so it can be logged. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
