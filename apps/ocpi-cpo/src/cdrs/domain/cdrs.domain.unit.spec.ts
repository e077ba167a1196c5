import { cdrKeyOf, cdrKeyOfObjectKey, cdrObjectKey, cdrOwnerOf, type CdrJson } from './cdr-record';

const cdr = (id: string): CdrJson => ({
  country_code: 'NL',
  party_id: 'VLT',
  id,
  cdr_token: { country_code: 'de', party_id: 'emp', uid: 'T1', type: 'RFID' },
  last_updated: '2026-11-22T10:00:00Z',
});

describe('cdrs domain [CDR › Push model]', () => {
  it('given a CDR id in any case, then its key and push object key are case-insensitive', () => {
    expect(cdrKeyOf('cdr-1-c')).toBe('CDR-1-C');
    expect(cdrObjectKey('cdr-1')).toBe('cdr:CDR-1');
  });

  it('given a push object key, then the CDR key is read back only from CDR keys', () => {
    expect(cdrKeyOfObjectKey(cdrObjectKey('Cdr/With/Slashes'))).toBe('CDR/WITH/SLASHES');
    expect(cdrKeyOfObjectKey('session:NL/VLT/S1')).toBeUndefined();
  });

  it('given a CDR, then its owner is the token party, upper case (the only eMSP it goes to)', () => {
    expect(cdrOwnerOf(cdr('C1'))).toEqual({ countryCode: 'DE', partyId: 'EMP' });
  });
});
