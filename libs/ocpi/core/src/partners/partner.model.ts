/** Pure model of an OCPI partner (no Nest/TypeORM). */

export type PartnerStatus = 'PENDING' | 'REGISTERED' | 'UNREGISTERED';
export type TokenEncoding = 'base64' | 'raw';

export interface PartyRole {
  countryCode: string;
  partyId: string;
  role: string;
}

export interface PartnerRole extends PartyRole {
  businessDetails?: unknown;
}

export interface PartnerEndpoint {
  identifier: string;
  role: 'SENDER' | 'RECEIVER';
  url: string;
}

/** A partner with its secrets: only the persistence and credentials code see this. */
export interface PartnerRecord {
  id: string;
  name: string;
  status: PartnerStatus;
  declaredRoles: PartyRole[];
  /** Token A we issued for the partner's registration; cleared once used. */
  tokenA: string | null;
  /** The token we issued and accept from the partner (B or C, depending on who initiated). */
  serverToken: string | null;
  /** Still accepted after a rotation until the partner first uses the new server token. */
  previousServerToken: string | null;
  /** The token the partner issued to us; we send it. */
  clientToken: string | null;
  acceptRawTokens: boolean;
  outgoingTokenEncoding: TokenEncoding;
  versionsUrl: string | null;
  version: string | null;
  roles: PartnerRole[];
  endpoints: PartnerEndpoint[];
  createdAt: string;
  updatedAt: string;
  registeredAt: string | null;
}

/** Which of the partner's tokens authenticated a request. */
export type TokenKind = 'A' | 'SERVER' | 'PREVIOUS_SERVER';

export function sameParty(a: PartyRole, b: PartyRole, withRole = true): boolean {
  return (
    a.countryCode.toUpperCase() === b.countryCode.toUpperCase() &&
    a.partyId.toUpperCase() === b.partyId.toUpperCase() &&
    (!withRole || a.role.toUpperCase() === b.role.toUpperCase())
  );
}

/** The roles a partner presents that the operator did not agree to (case-insensitive). */
export function undeclaredRoles(declared: PartyRole[], presented: PartyRole[]): PartyRole[] {
  return presented.filter((p) => !declared.some((d) => sameParty(d, p)));
}

/**
 * Whether `kind` of token may be used on a route. Token A only on configuration modules (versions,
 * credentials) while the partner is pending; the server tokens on configuration modules unless the
 * partner unregistered, and on functional modules only once registered.
 */
export function tokenAllowed(
  status: PartnerStatus,
  kind: TokenKind,
  route: 'configuration' | 'functional',
): boolean {
  if (kind === 'A') return route === 'configuration' && status === 'PENDING';
  if (status === 'UNREGISTERED') return false;
  return route === 'configuration' || status === 'REGISTERED';
}

/** Picks 2.2.1 from a peer's version list (we speak no other version). */
export function pickMutualVersion(
  versions: { version: string; url: string }[],
  supported: readonly string[] = ['2.2.1'],
): { version: string; url: string } | undefined {
  for (const wanted of supported) {
    const found = versions.find((v) => v.version === wanted);
    if (found) return found;
  }
  return undefined;
}

/** Module ids of `required` that the peer's endpoints lack. */
export function missingModules(endpoints: { identifier: string }[], required: string[]): string[] {
  return required.filter((id) => !endpoints.some((e) => e.identifier === id));
}
