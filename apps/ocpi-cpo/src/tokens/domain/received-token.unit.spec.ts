import type { TokenPatchDto } from '@voltlane/protocols-ocpi';
import {
  assertSameIdentity,
  lastUpdatedIso,
  patchToken,
  putToken,
  TokenRequestError,
  type TokenJson,
  tokenTypeOf,
} from './received-token';

const token = (extra: Partial<TokenJson> = {}): TokenJson =>
  ({
    country_code: 'DE',
    party_id: 'EA1',
    uid: 'ABC123',
    type: 'RFID',
    contract_id: 'DE-EA1-C1',
    issuer: 'eMSP',
    valid: true,
    whitelist: 'ALLOWED',
    last_updated: '2026-01-01T10:00:00Z',
    ...extra,
  }) as TokenJson;

const id = { countryCode: 'DE', partyId: 'EA1', uid: 'ABC123', type: 'RFID' as const };

describe('received tokens (ADR 0066) [TOK › Receiver Interface]', () => {
  it('Given no ?type=, When parsed, Then RFID; an unknown type is 2001', () => {
    expect(tokenTypeOf(undefined)).toBe('RFID');
    expect(tokenTypeOf('app_user')).toBe('APP_USER');
    expect(() => tokenTypeOf('CARD')).toThrow(TokenRequestError);
  });

  it('Given body ids in another case, When compared with the URL, Then they match; a different id does not', () => {
    expect(() =>
      assertSameIdentity(id, token({ uid: 'abc123', party_id: 'ea1' }), true),
    ).not.toThrow();
    expect(() => assertSameIdentity(id, token({ uid: 'OTHER' }), true)).toThrow(/uid/);
    expect(() => assertSameIdentity(id, { last_updated: 'x' } as never, false)).not.toThrow();
  });

  it('Given a stored token, When a PUT is older or equal, Then nothing changes; when newer, it replaces', () => {
    const stored = token({ last_updated: '2026-01-02T00:00:00Z' });
    expect(putToken(token({ last_updated: '2026-01-01T00:00:00Z' }), stored).kind).toBe(
      'unchanged',
    );
    expect(putToken(token({ last_updated: '2026-01-02T00:00:00Z' }), stored).kind).toBe(
      'unchanged',
    );
    expect(putToken(token({ last_updated: '2026-01-03T00:00:00Z' }), stored)).toMatchObject({
      kind: 'stored',
      created: false,
    });
    expect(putToken(token(), null)).toMatchObject({ kind: 'stored', created: true });
  });

  it('Given a newer PATCH, When applied, Then only given fields change and the identity stays', () => {
    const patch = { whitelist: 'NEVER', uid: 'abc123', last_updated: '2026-02-01T00:00:00Z' };
    const change = patchToken(patch as unknown as TokenPatchDto, token());
    expect(change.kind).toBe('stored');
    expect(change.token).toMatchObject({
      uid: 'ABC123',
      whitelist: 'NEVER',
      issuer: 'eMSP',
      last_updated: '2026-02-01T00:00:00Z',
    });
    const old = patchToken(
      { valid: false, last_updated: '2025-01-01T00:00:00Z' } as unknown as TokenPatchDto,
      token(),
    );
    expect(old.kind).toBe('unchanged');
  });

  it('Given a DateTime without Z, When converted, Then it is read as UTC', () => {
    expect(lastUpdatedIso(token({ last_updated: '2026-01-01T10:00:00' }))).toBe(
      '2026-01-01T10:00:00.000Z',
    );
  });
});
