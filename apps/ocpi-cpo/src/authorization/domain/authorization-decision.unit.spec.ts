import {
  callBudgetMs,
  classifyEmspAnswer,
  decideFromEmsp,
  decideFromStore,
  decidesFromStore,
  parentIdTagOf,
  statusOfAllowed,
} from './authorization-decision';

describe('real-time authorization policy (ADR 0066)', () => {
  it('Given an ALWAYS token, When deciding, Then no eMSP call: valid → Accepted, invalidated → Blocked', () => {
    expect(decidesFromStore({ whitelist: 'ALWAYS', valid: true })).toBe(true);
    expect(decideFromStore({ whitelist: 'ALWAYS', valid: true })).toEqual({
      status: 'Accepted',
      source: 'token-store',
    });
    expect(decideFromStore({ whitelist: 'ALWAYS', valid: false }).status).toBe('Blocked');
  });

  it.each(['ALLOWED', 'ALLOWED_OFFLINE', 'NEVER'])(
    'Given a %s token, When deciding, Then the eMSP is asked (valid or not) [TOK › WhitelistType _enum_]',
    (whitelist) => {
      expect(decidesFromStore({ whitelist, valid: false })).toBe(false);
    },
  );

  it.each([
    ['ALLOWED', 'Accepted'],
    ['BLOCKED', 'Blocked'],
    ['EXPIRED', 'Expired'],
    ['NO_CREDIT', 'Invalid'],
    ['NOT_ALLOWED', 'Invalid'],
  ])('Given AllowedType %s, When mapped, Then the OCPP status is %s', (allowed, status) => {
    expect(statusOfAllowed(allowed)).toBe(status);
  });

  it('Given the eMSP answers, When classified, Then ok+allowed is an answer, 404/2004 an unknown token, 2002 a refusal', () => {
    expect(
      classifyEmspAnswer({ ok: true, httpStatus: 200, ocpiStatus: 1000, allowed: 'BLOCKED' }),
    ).toEqual({
      kind: 'allowed',
      allowed: 'BLOCKED',
    });
    expect(classifyEmspAnswer({ ok: false, httpStatus: 404, ocpiStatus: 2004 }).kind).toBe(
      'unknown-token',
    );
    expect(classifyEmspAnswer({ ok: false, httpStatus: 404 }).kind).toBe('unknown-token');
    expect(classifyEmspAnswer({ ok: false, httpStatus: 200, ocpiStatus: 2004 }).kind).toBe(
      'unknown-token',
    );
    expect(classifyEmspAnswer({ ok: false, httpStatus: 200, ocpiStatus: 2002 }).kind).toBe(
      'refused',
    );
  });

  it('Given no usable answer, When classified, Then the eMSP counts as unreachable', () => {
    for (const call of [
      { ok: false, httpStatus: 0 },
      { ok: false, httpStatus: 503 },
      { ok: false, httpStatus: 401, ocpiStatus: 2000 },
      { ok: false, httpStatus: 200, ocpiStatus: 3000 },
      { ok: true, httpStatus: 200, ocpiStatus: 1000 }, // 1000 without a valid AuthorizationInfo
    ]) {
      expect(classifyEmspAnswer(call).kind).toBe('unreachable');
    }
  });

  it('Given an unreachable eMSP, When deciding, Then ALLOWED_OFFLINE/ALLOWED accept valid tokens, block invalid ones, NEVER is Invalid', () => {
    const unreachable = { kind: 'unreachable' } as const;
    expect(decideFromEmsp({ whitelist: 'ALLOWED_OFFLINE', valid: true }, unreachable)).toEqual({
      status: 'Accepted',
      source: 'emsp-unreachable',
    });
    expect(decideFromEmsp({ whitelist: 'ALLOWED', valid: true }, unreachable).status).toBe(
      'Accepted',
    );
    expect(decideFromEmsp({ whitelist: 'ALLOWED_OFFLINE', valid: false }, unreachable).status).toBe(
      'Blocked',
    );
    expect(decideFromEmsp({ whitelist: 'NEVER', valid: true }, unreachable)).toEqual({
      status: 'Invalid',
      source: 'emsp-unreachable',
    });
  });

  it('Given the eMSP knows no such token, When deciding, Then Invalid from unknown-token even for ALLOWED_OFFLINE', () => {
    expect(
      decideFromEmsp({ whitelist: 'ALLOWED_OFFLINE', valid: true }, { kind: 'unknown-token' }),
    ).toEqual({ status: 'Invalid', source: 'unknown-token' });
  });

  it('Given a group_id, When mapped to parentIdTag, Then only OCPP-sized printable ids pass', () => {
    expect(parentIdTagOf('GROUP-1')).toBe('GROUP-1');
    expect(parentIdTagOf('X'.repeat(21))).toBeUndefined();
    expect(parentIdTagOf(null)).toBeUndefined();
  });

  it('Given a request expiring soon, When budgeting the call, Then it never runs past the expiry (min 100 ms)', () => {
    const now = Date.parse('2026-01-01T00:00:00.000Z');
    expect(callBudgetMs(2_000, '2026-01-01T00:00:05.000Z', now)).toBe(2_000);
    expect(callBudgetMs(2_000, '2026-01-01T00:00:01.000Z', now)).toBe(900);
    expect(callBudgetMs(2_000, '2026-01-01T00:00:00.050Z', now)).toBe(100);
  });
});
