/**
 * Which tariff applies to a connector: the eMSP's own (roaming contract) assignment when one is
 * valid at that moment, else the connector's default. Pure; persistence lives elsewhere.
 */
export interface TariffAssignment {
  readonly assignmentId: string;
  readonly locationId: string;
  readonly evseUid: string;
  readonly connectorId: string;
  /** Both null: the connector's default. */
  readonly emspCountryCode: string | null;
  readonly emspPartyId: string | null;
  readonly tariffCountryCode: string;
  readonly tariffPartyId: string;
  readonly tariffId: string;
  /** Inclusive; null = since ever. */
  readonly validFrom: Date | null;
  /** Exclusive; null = until further notice. */
  readonly validTo: Date | null;
}

export interface AssignmentQuery {
  readonly locationId: string;
  readonly evseUid: string;
  readonly connectorId: string;
  readonly emspCountryCode?: string | null;
  readonly emspPartyId?: string | null;
  readonly at: Date;
}

export type ResolvedAssignment = { assignment: TariffAssignment; source: 'EMSP' | 'DEFAULT' };

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').toUpperCase() === (b ?? '').toUpperCase();

export function isValidAt(a: Pick<TariffAssignment, 'validFrom' | 'validTo'>, at: Date): boolean {
  return (a.validFrom === null || a.validFrom <= at) && (a.validTo === null || at < a.validTo);
}

/** Two assignments for the same connector and party whose validity periods intersect. */
export function overlaps(
  a: Pick<TariffAssignment, 'validFrom' | 'validTo'>,
  b: Pick<TariffAssignment, 'validFrom' | 'validTo'>,
): boolean {
  const startsBeforeBEnds = a.validFrom === null || b.validTo === null || a.validFrom < b.validTo;
  const endsAfterBStarts = a.validTo === null || b.validFrom === null || b.validFrom < a.validTo;
  return startsBeforeBEnds && endsAfterBStarts;
}

export function resolveAssignment(
  assignments: readonly TariffAssignment[],
  query: AssignmentQuery,
): ResolvedAssignment | null {
  const forConnector = assignments.filter(
    (a) =>
      same(a.locationId, query.locationId) &&
      same(a.evseUid, query.evseUid) &&
      same(a.connectorId, query.connectorId) &&
      isValidAt(a, query.at),
  );
  if (query.emspCountryCode && query.emspPartyId) {
    const own = forConnector.find(
      (a) =>
        a.emspCountryCode !== null &&
        same(a.emspCountryCode, query.emspCountryCode) &&
        same(a.emspPartyId, query.emspPartyId),
    );
    if (own) return { assignment: own, source: 'EMSP' };
  }
  const fallback = forConnector.find((a) => a.emspCountryCode === null);
  return fallback ? { assignment: fallback, source: 'DEFAULT' } : null;
}
