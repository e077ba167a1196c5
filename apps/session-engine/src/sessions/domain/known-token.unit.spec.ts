import { startSession } from './charging-session';
import { authorizationOfIdTag, type KnownToken } from './known-token';
import { toOcpiSession } from './ocpi-session.mapper';

const CTX = { countryCode: 'NL', partyId: 'VLT', currency: 'EUR' };
const T0 = Date.parse('2026-11-20T10:00:00Z');

const TOKEN: KnownToken = {
  countryCode: 'DE',
  partyId: 'EXT',
  uid: '04A2B3C4D5E6F7',
  type: 'RFID',
  contractId: 'DE-EXT-C12345678-X',
  lastUpdated: T0 - 86_400_000,
};

const sessionFor = (idTag: string, token: KnownToken | undefined) => {
  const authorization = authorizationOfIdTag(idTag, token);
  return startSession(
    {
      sessionId: 'S-1',
      stationId: 'CP-1',
      connectorId: 1,
      transactionId: '1',
      idTag,
      idTagStatus: 'Accepted',
      meterStartWh: 0,
      startedAt: T0,
      ...(authorization ? { authorization } : {}),
    },
    T0,
  );
};

describe('cdr_token of a session started by a StartTransaction', () => {
  it('names the known token’s eMSP, type and contract id, with the idTag as sent as uid', () => {
    // Given an RFID token pushed by an external eMSP, and a station sending its uid in lower case
    const idTag = '04a2b3c4d5e6f7';

    // When the session is mapped to OCPI
    const session = toOcpiSession(sessionFor(idTag, TOKEN), CTX);

    // Then the CdrToken is the eMSP's token; the Session itself stays ours (the CPO)
    expect(session.cdr_token).toEqual({
      country_code: 'DE',
      party_id: 'EXT',
      uid: '04a2b3c4d5e6f7',
      type: 'RFID',
      contract_id: 'DE-EXT-C12345678-X',
    });
    expect(session.auth_method).toBe('WHITELIST');
    expect(session).toMatchObject({ country_code: 'NL', party_id: 'VLT' });
    expect(session.authorization_reference).toBeUndefined();
  });

  it('keeps a non-RFID token’s type', () => {
    // Given a known token of type OTHER
    const token: KnownToken = { ...TOKEN, type: 'OTHER', contractId: 'DE-EXT-OTHER-1' };

    // When the session is mapped
    const session = toOcpiSession(sessionFor(TOKEN.uid, token), CTX);

    // Then its type and contract id are the token's
    expect(session.cdr_token).toMatchObject({ type: 'OTHER', contract_id: 'DE-EXT-OTHER-1' });
  });

  it('falls back to our own party and the idTag as contract id when the token is unknown', () => {
    // Given no token for the idTag
    expect(authorizationOfIdTag('UNKNOWN-TAG', undefined)).toBeUndefined();

    // When the session is mapped
    const session = toOcpiSession(sessionFor('UNKNOWN-TAG', undefined), CTX);

    // Then the documented fallback
    expect(session.cdr_token).toEqual({
      country_code: 'NL',
      party_id: 'VLT',
      uid: 'UNKNOWN-TAG',
      type: 'RFID',
      contract_id: 'UNKNOWN-TAG',
    });
    expect(session.auth_method).toBe('WHITELIST');
  });
});
