import {
  EPOCH,
  firstPageQuery,
  followable,
  formatOcpi,
  nextRunAt,
  nextWatermark,
  ownedByPartner,
} from './pull-sync';

describe('pull sync rules', () => {
  const mark = new Date('2026-11-22T08:00:00.123Z');

  it('Given no watermark, When the first page is asked, Then only sessions carry date_from (the epoch)', () => {
    expect(firstPageQuery('sessions', null)).toEqual({ date_from: EPOCH });
    expect(firstPageQuery('locations', null)).toEqual({});
    expect(firstPageQuery('cdrs', null)).toEqual({});
  });

  it('Given a watermark, When the first page is asked, Then date_from is it, in UTC with Z and whole seconds', () => {
    expect(firstPageQuery('tariffs', mark)).toEqual({ date_from: '2026-11-22T08:00:00Z' });
    expect(formatOcpi(mark)).toBe('2026-11-22T08:00:00Z');
  });

  it('Given a crawl start, When the next watermark is computed, Then it overlaps by a minute', () => {
    expect(nextWatermark(mark).toISOString()).toBe('2026-11-22T07:59:00.123Z');
  });

  it('Given an interval, When the next run is computed, Then it adds 0–10 % jitter', () => {
    expect(nextRunAt(mark, 3600, 0).getTime() - mark.getTime()).toBe(3_600_000);
    expect(nextRunAt(mark, 3600, 1).getTime() - mark.getTime()).toBe(3_960_000);
    expect(nextRunAt(mark, 3600, 5).getTime() - mark.getTime()).toBe(3_960_000);
  });

  it('Given the partner roles, When an object is checked, Then only its CPO parties own it (case-insensitive)', () => {
    const roles = [
      { countryCode: 'NL', partyId: 'CPS', role: 'CPO' },
      { countryCode: 'NL', partyId: 'EMS', role: 'EMSP' },
    ];
    expect(ownedByPartner(roles, { country_code: 'nl', party_id: 'cps' })).toBe(true);
    expect(ownedByPartner(roles, { country_code: 'NL', party_id: 'EMS' })).toBe(false);
    expect(ownedByPartner(roles, { country_code: 'DE', party_id: 'CPS' })).toBe(false);
    expect(ownedByPartner(roles, {})).toBe(false);
  });

  it('Given next-page links, When followed, Then only new absolute http(s) URLs on the endpoint origin are', () => {
    const endpoint = 'http://cpo/ocpi/2.2.1/cdrs';
    const seen = new Set(['http://cpo/cdrs?offset=2']);
    expect(followable('http://cpo/cdrs?offset=4', seen, endpoint)).toBe('http://cpo/cdrs?offset=4');
    expect(followable('http://cpo/cdrs?offset=2', seen, endpoint)).toBeUndefined();
    expect(followable('/cdrs?offset=4', seen, endpoint)).toBeUndefined();
    expect(followable('ftp://cpo/x', seen, endpoint)).toBeUndefined();
    expect(followable('http://elsewhere/cdrs?offset=4', seen, endpoint)).toBeUndefined();
    expect(followable(undefined, seen, endpoint)).toBeUndefined();
  });
});
