import { validateOcpi } from '../common/validate-ocpi';
import { ClientInfoDto } from './client-info.dto';

function aClientInfo(): Record<string, unknown> {
  return {
    party_id: 'ABC',
    country_code: 'NL',
    role: 'EMSP',
    status: 'CONNECTED',
    last_updated: '2026-11-22T02:00:00Z',
  };
}

describe('OCPI 2.2.1 ClientInfo', () => {
  it('Given a connected eMSP, When validated, Then it passes', () => {
    const result = validateOcpi(ClientInfoDto, aClientInfo());
    expect(result.violations).toEqual([]);
    expect(result.value).toBeInstanceOf(ClientInfoDto);
  });

  it.each<[string, string, unknown]>([
    ['an unknown role', 'role', 'MSP'],
    ['an unknown status', 'status', 'ONLINE'],
    ['a 4-character party_id', 'party_id', 'ABCD'],
    ['a country_code of 3', 'country_code', 'NLD'],
    ['a non-UTC last_updated', 'last_updated', '2026-11-22T02:00:00+01:00'],
    ['a null status', 'status', null],
  ])('Given a ClientInfo with %s, When validated, Then %s is named', (_what, field, value) => {
    const violations = validateOcpi(ClientInfoDto, { ...aClientInfo(), [field]: value }).violations;
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) expect(violation.startsWith(`${field}: `)).toBe(true);
  });
});
