import { validateOcpi } from '../common/validate-ocpi';
import { VersionDetailsDto } from '../versions/version.dto';
import { CredentialsDto } from './credentials.dto';

describe('OCPI 2.2.1 Credentials and Version DTOs', () => {
  const credentials = {
    token: 'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2',
    url: 'https://example.com/ocpi/versions/',
    roles: [
      {
        role: 'CPO',
        party_id: 'EXA',
        country_code: 'NL',
        business_details: { name: 'Example Operator' },
      },
    ],
  };

  it('accepts the spec example', () => {
    expect(validateOcpi(CredentialsDto, credentials).ok).toBe(true);
  });

  it.each([
    [{ token: 'with space' }, /token/],
    [{ token: 'x'.repeat(65) }, /token/],
    [{ url: 'not a url' }, /url/],
    [{ roles: [] }, /roles/],
    [{ roles: [{ ...credentials.roles[0], role: 'KING' }] }, /roles\[0\]\.role/],
    [{ roles: [{ ...credentials.roles[0], party_id: 'TOOLONG' }] }, /party_id/],
    [{ roles: [{ ...credentials.roles[0], business_details: {} }] }, /business_details\.name/],
  ])('rejects %p', (change, message) => {
    const r = validateOcpi(CredentialsDto, { ...credentials, ...change });
    expect(r.ok).toBe(false);
    expect(r.violations.join('\n')).toMatch(message);
  });

  it('validates version details endpoints', () => {
    const ok = validateOcpi(VersionDetailsDto, {
      version: '2.2.1',
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: 'https://e/ocpi/2.2.1/credentials' },
      ],
    });
    expect(ok.ok).toBe(true);
    const bad = validateOcpi(VersionDetailsDto, {
      version: '2.2.1',
      endpoints: [{ identifier: 'credentials', role: 'BOTH', url: 'https://e/x' }],
    });
    expect(bad.violations.join()).toMatch(/endpoints\[0\]\.role/);
  });
});
