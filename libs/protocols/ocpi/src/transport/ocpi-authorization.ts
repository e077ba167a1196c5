/**
 * `Authorization: Token <base64(credentials token)>` (OCPI 2.2.1) — many 2.1.1/2.2 peers send the raw
 * token instead. Parsing yields every plausible reading; the caller looks each up (base64 first)
 * and, per partner, may accept only the encoding that partner is configured for.
 */
export interface TokenCandidates {
  /** The decoded token when the value is canonical base64 of printable ASCII. */
  decoded?: string;
  /** The value exactly as sent. */
  raw: string;
}

const TOKEN_CHARS = /^[\x21-\x7e]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parseTokenAuthorization(header: string | undefined): TokenCandidates | null {
  if (!header) return null;
  const match = /^Token (\S+)$/.exec(header.trim());
  if (!match) return null;
  const raw = match[1];
  const candidates: TokenCandidates = { raw };
  if (BASE64.test(raw)) {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    // Canonical round trip + token alphabet: "abcd" is valid base64 but usually a raw token.
    if (Buffer.from(decoded, 'utf8').toString('base64') === raw && TOKEN_CHARS.test(decoded)) {
      candidates.decoded = decoded;
    }
  }
  return candidates;
}

/** The header value we send: base64 for 2.2.1 peers, raw for peers configured as legacy. */
export function tokenAuthorization(token: string, encoding: 'base64' | 'raw' = 'base64'): string {
  return `Token ${encoding === 'raw' ? token : Buffer.from(token, 'utf8').toString('base64')}`;
}

/** OCPI credentials tokens: 1–64 printable, non-whitespace ASCII characters. */
export function isValidCredentialsToken(token: string): boolean {
  return TOKEN_CHARS.test(token);
}
