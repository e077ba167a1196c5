import type { PartyRole, TokenKind } from '../partners/partner.model';
import type { PartyRef } from '../transport/ocpi-headers';

/** The authenticated partner of an OCPI request (`@OcpiCaller()`). */
export class OcpiCallerContext {
  constructor(
    readonly partnerId: string,
    readonly roles: PartyRole[],
    readonly tokenKind: TokenKind,
    /** Our own party (defaults of the routing headers). */
    readonly self: PartyRef,
    /** `OCPI-from-*` routing headers, when sent (validated against `roles`). */
    readonly from?: PartyRef,
    /** `OCPI-to-*` routing headers, when sent (validated to be us). */
    readonly to?: PartyRef,
  ) {}

  /** Whether the caller registered (countryCode, partyId[, role]) — case-insensitive. */
  owns(countryCode: string, partyId: string, role?: string): boolean {
    return this.roles.some(
      (r) =>
        r.countryCode.toUpperCase() === countryCode.toUpperCase() &&
        r.partyId.toUpperCase() === partyId.toUpperCase() &&
        (role === undefined || r.role.toUpperCase() === role.toUpperCase()),
    );
  }
}
