/**
 * Upserts and deletes of a tariff arrive on different topics (no order between them): the newest
 * by time wins (ADR 0064). Pure: no Nest/TypeORM.
 */
export interface StoredTariffState {
  lastUpdated: Date;
  deletedAt: Date | null;
}

/** An upsert applies when it is newer than what we have (equal = a replay) and than a deletion. */
export function upsertApplies(stored: StoredTariffState | null, lastUpdated: Date): boolean {
  if (!stored) return true;
  if (stored.deletedAt) return lastUpdated.getTime() > stored.deletedAt.getTime();
  return lastUpdated.getTime() > stored.lastUpdated.getTime();
}

/** A deletion applies to a live tariff not updated after it; a second deletion changes nothing. */
export function deleteApplies(stored: StoredTariffState | null, deletedAt: Date): boolean {
  if (!stored) return true;
  if (stored.deletedAt) return false;
  return deletedAt.getTime() >= stored.lastUpdated.getTime();
}
