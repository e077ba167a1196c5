import { AllowedType } from '@voltlane/protocols-ocpi';
import { type TokenInput, upsertToken } from './emsp-token';
import { authorizationDecision } from './token-authorization';

const party = { countryCode: 'NL', partyId: 'VLE' };
const input: TokenInput = {
  uid: 'tok1',
  type: 'RFID',
  contract_id: 'NL-VLE-C1',
  issuer: 'Voltlane',
  valid: true,
  whitelist: 'ALLOWED',
  visual_number: null,
};
const t0 = new Date('2026-11-22T08:00:00.000Z');

describe('our eMSP tokens (mod_tokens Sender, ADR 0070)', () => {
  it('Given no token, When upserted, Then it is created with our party and now as last_updated', () => {
    const result = upsertToken(null, input, party, t0);
    expect(result).toMatchObject({ created: true, changed: true });
    expect(result.token.token).toEqual({
      country_code: 'NL',
      party_id: 'VLE',
      uid: 'tok1',
      type: 'RFID',
      contract_id: 'NL-VLE-C1',
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: t0.toISOString(),
    });
  });

  it('Given a token, When upserted with the same fields, Then nothing changes', () => {
    const first = upsertToken(null, input, party, t0).token;
    const again = upsertToken(first, { ...input, uid: 'TOK1' }, party, new Date(t0.getTime() + 5));
    expect(again).toMatchObject({ changed: false, created: false });
    expect(again.token.token.last_updated).toBe(t0.toISOString());
    expect(again.token.token.uid).toBe('tok1');
  });

  it('Given a token, When blocked within the same millisecond, Then last_updated still moves forward', () => {
    const first = upsertToken(null, input, party, t0).token;
    const blocked = upsertToken(first, { ...input, valid: false }, party, t0);
    expect(blocked.changed).toBe(true);
    expect(Date.parse(blocked.token.token.last_updated)).toBe(t0.getTime() + 1);
  });

  it('Given a token with a driver, When upserted without driver_id, Then the driver is kept', () => {
    const first = upsertToken(null, { ...input, driver_id: 'd1' }, party, t0).token;
    const again = upsertToken(first, input, party, t0);
    expect(again.changed).toBe(false);
    expect(again.token.driverId).toBe('d1');
  });

  it('Given valid and blocked tokens, When authorized, Then ALLOWED and BLOCKED', () => {
    const token = upsertToken(null, input, party, t0).token.token;
    expect(authorizationDecision(token)).toBe(AllowedType.ALLOWED);
    expect(authorizationDecision({ ...token, valid: false })).toBe(AllowedType.BLOCKED);
  });
});
