import { deleteApplies, upsertApplies } from './tariff-version';

const at = (s: string) => new Date(`2026-11-0${s}T00:00:00Z`);

describe('tariff upserts and deletes across two topics (newest wins)', () => {
  it('given nothing stored, then an upsert and a delete both apply', () => {
    expect(upsertApplies(null, at('1'))).toBe(true);
    expect(deleteApplies(null, at('1'))).toBe(true);
  });

  it('given a stored version, then only a strictly newer upsert applies (equal = replay)', () => {
    const stored = { lastUpdated: at('2'), deletedAt: null };
    expect(upsertApplies(stored, at('1'))).toBe(false);
    expect(upsertApplies(stored, at('2'))).toBe(false);
    expect(upsertApplies(stored, at('3'))).toBe(true);
  });

  it('given a deletion, then an older upsert cannot bring the tariff back, a newer one can', () => {
    const deleted = { lastUpdated: at('2'), deletedAt: at('4') };
    expect(upsertApplies(deleted, at('3'))).toBe(false);
    expect(upsertApplies(deleted, at('5'))).toBe(true);
    expect(deleteApplies(deleted, at('6'))).toBe(false);
  });

  it('given a version newer than the deletion, then the late deletion is ignored', () => {
    expect(deleteApplies({ lastUpdated: at('5'), deletedAt: null }, at('4'))).toBe(false);
    expect(deleteApplies({ lastUpdated: at('4'), deletedAt: null }, at('4'))).toBe(true);
  });
});
