import { idsMatch, shouldStore } from './client-info';

const info = (last_updated: string) => ({
  party_id: 'ABC',
  country_code: 'NL',
  role: 'EMSP',
  status: 'CONNECTED',
  last_updated,
});

describe('HubClientInfo [HCI › _ClientInfo_ Object]', () => {
  it('Given URL ids in another case, When compared, Then they match; others do not', () => {
    expect(idsMatch({ countryCode: 'nl', partyId: 'abc' }, info('2026-01-01T00:00:00Z'))).toBe(
      true,
    );
    expect(idsMatch({ countryCode: 'NL', partyId: 'XYZ' }, info('2026-01-01T00:00:00Z'))).toBe(
      false,
    );
  });

  it('Given a stored ClientInfo, When an older or equal one arrives, Then it is not stored', () => {
    const stored = info('2026-01-02T00:00:00Z');
    expect(shouldStore(info('2026-01-01T00:00:00Z'), stored)).toBe(false);
    expect(shouldStore(info('2026-01-02T00:00:00Z'), stored)).toBe(false);
    expect(shouldStore(info('2026-01-03T00:00:00Z'), stored)).toBe(true);
    expect(shouldStore(info('2026-01-01T00:00:00Z'), null)).toBe(true);
  });
});
