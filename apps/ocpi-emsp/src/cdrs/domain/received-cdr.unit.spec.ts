import { canonicalJson } from '../../shared/domain/canonical-json';
import { receiveTariffPut, type TariffJson } from '../../tariffs/domain/received-tariff';
import { type CdrJson, receiveCdrAgain } from './received-cdr';

function aCdr(): CdrJson {
  return {
    country_code: 'NL',
    party_id: 'CPA',
    id: 'CDR1',
    cdr_token: { uid: 'TOK1' },
    currency: 'EUR',
    total_cost: { excl_vat: 1, incl_vat: 1.21 },
    total_energy: 3,
    start_date_time: '2026-11-22T08:00:00Z',
    end_date_time: '2026-11-22T09:00:00Z',
    last_updated: '2026-11-22T09:00:00Z',
  };
}

describe('received CDRs and tariffs (ADR 0070)', () => {
  it('Given a stored CDR, When the same CDR arrives with keys in another order, Then it is a duplicate', () => {
    const reordered = Object.fromEntries(Object.entries(aCdr()).reverse()) as CdrJson;
    expect(receiveCdrAgain(aCdr(), reordered)).toBe('duplicate');
  });

  it('Given a stored CDR, When another body arrives under its id, Then it is a conflict', () => {
    expect(receiveCdrAgain(aCdr(), { ...aCdr(), total_energy: 4 })).toBe('conflict');
  });

  it('canonical JSON ignores key order and undefined fields at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"x":2,"y":1}]},"b":1}',
    );
  });

  it('Given a deleted tariff of 08:05, When a PUT of 08:04 arrives, Then it stays deleted', () => {
    const tariff: TariffJson = {
      country_code: 'NL',
      party_id: 'CPA',
      id: 'T1',
      last_updated: '2026-11-22T08:04:00Z',
    };
    expect(receiveTariffPut(null, '2026-11-22T08:05:00Z', tariff).kind).toBe('ignored');
    const newer = { ...tariff, last_updated: '2026-11-22T08:06:00Z' };
    expect(receiveTariffPut(null, '2026-11-22T08:05:00Z', newer)).toEqual({
      kind: 'applied',
      object: newer,
      created: true,
    });
  });
});
