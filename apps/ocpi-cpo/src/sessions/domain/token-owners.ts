/** An OCPI party (country_code, party_id). */
export interface Party {
  countryCode: string;
  partyId: string;
}

/**
 * The eMSP parties whose sessions and CDRs a caller may read: its EMSP roles, narrowed to the one
 * named by its `OCPI-from-*` routing headers when it sent them (already checked to be its own).
 */
export function readableTokenOwners(
  roles: readonly (Party & { role: string })[],
  from?: Party,
): Party[] {
  return roles
    .filter((r) => r.role.toUpperCase() === 'EMSP')
    .filter(
      (r) =>
        !from ||
        (r.countryCode.toUpperCase() === from.countryCode.toUpperCase() &&
          r.partyId.toUpperCase() === from.partyId.toUpperCase()),
    )
    .map((r) => ({ countryCode: r.countryCode.toUpperCase(), partyId: r.partyId.toUpperCase() }));
}
