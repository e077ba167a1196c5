import {
  missingModules,
  pickMutualVersion,
  sameParty,
  tokenAllowed,
  undeclaredRoles,
} from './partner.model';
import { ocpiCoreTablesDownSql, ocpiCoreTablesUpSql } from './ocpi-core-tables.sql';

describe('partner model', () => {
  describe('which token may be used where', () => {
    it.each([
      ['PENDING', 'A', 'configuration', true],
      ['PENDING', 'A', 'functional', false],
      ['REGISTERED', 'A', 'configuration', false],
      ['REGISTERED', 'SERVER', 'functional', true],
      ['REGISTERED', 'PREVIOUS_SERVER', 'functional', true],
      ['PENDING', 'SERVER', 'configuration', true],
      ['PENDING', 'SERVER', 'functional', false],
      ['UNREGISTERED', 'SERVER', 'configuration', false],
      ['UNREGISTERED', 'A', 'configuration', false],
    ] as const)(
      'given a %s partner, when it uses its %s token on a %s route, then allowed = %s',
      (status, kind, route, allowed) => {
        expect(tokenAllowed(status, kind, route)).toBe(allowed);
      },
    );
  });

  it('given declared roles, when a partner presents others, then those are reported (case-insensitive)', () => {
    const declared = [{ countryCode: 'DE', partyId: 'ABC', role: 'EMSP' }];
    expect(
      undeclaredRoles(declared, [{ countryCode: 'de', partyId: 'abc', role: 'EMSP' }]),
    ).toEqual([]);
    expect(
      undeclaredRoles(declared, [
        { countryCode: 'DE', partyId: 'ABC', role: 'CPO' },
        { countryCode: 'FR', partyId: 'ABC', role: 'EMSP' },
      ]),
    ).toHaveLength(2);
    expect(
      sameParty(
        { countryCode: 'nl', partyId: 'vlt', role: 'X' },
        { countryCode: 'NL', partyId: 'VLT', role: 'Y' },
        false,
      ),
    ).toBe(true);
  });

  it('given a peer version list, when choosing, then only 2.2.1 is mutual', () => {
    const v = (version: string) => ({ version, url: `https://p/${version}` });
    expect(pickMutualVersion([v('2.1.1'), v('2.2.1')])).toEqual(v('2.2.1'));
    expect(pickMutualVersion([v('2.1.1'), v('2.2')])).toBeUndefined();
    expect(pickMutualVersion([])).toBeUndefined();
  });

  it('given peer endpoints, when modules are required, then the missing ones are listed', () => {
    expect(missingModules([{ identifier: 'credentials' }], ['credentials'])).toEqual([]);
    expect(missingModules([{ identifier: 'locations' }], ['credentials', 'tokens'])).toEqual([
      'credentials',
      'tokens',
    ]);
  });

  it('creates the registry tables in the given schema only, refusing odd schema names', () => {
    const up = ocpiCoreTablesUpSql('ocpi_cpo');
    expect(up.join('\n')).toContain('"ocpi_cpo"."ocpi_partners"');
    expect(up.join('\n')).not.toMatch(/"public"\./);
    expect(ocpiCoreTablesDownSql('ocpi_cpo')[0]).toContain('ocpi_partner_endpoints');
    expect(() => ocpiCoreTablesUpSql('x"; DROP')).toThrow(/schema/);
  });
});
