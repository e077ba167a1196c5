import { receiveSessionPatch, receiveSessionPut, type SessionJson } from './received-session';

const at = (minute: number) => `2026-11-22T08:${String(minute).padStart(2, '0')}:00Z`;

function aSession(): SessionJson {
  return {
    country_code: 'NL',
    party_id: 'CPA',
    id: 'S1',
    status: 'ACTIVE',
    kwh: 1,
    currency: 'EUR',
    cdr_token: { uid: 'TOK1', type: 'RFID' },
    charging_periods: [{ start_date_time: at(0) }],
    last_updated: at(1),
  };
}

describe('received sessions (mod_sessions Receiver, ADR 0070)', () => {
  it('Given a stored session, When a PATCH brings charging periods, Then they are appended', () => {
    const outcome = receiveSessionPatch(aSession(), {
      kwh: 2,
      charging_periods: [{ start_date_time: at(2) }],
      last_updated: at(2),
    } as { last_updated: string }) as { kind: 'applied'; object: SessionJson };
    expect(outcome.kind).toBe('applied');
    expect(outcome.object.kwh).toBe(2);
    expect(outcome.object.charging_periods).toHaveLength(2);
  });

  it('Given no session, When a PATCH arrives, Then the session is unknown', () => {
    expect(receiveSessionPatch(null, { last_updated: at(2) })).toEqual({
      kind: 'unknown',
      what: 'Session',
    });
  });

  it('Given a session updated at 08:01, When an older PUT or PATCH arrives, Then it is ignored', () => {
    expect(receiveSessionPut(aSession(), { ...aSession(), last_updated: at(0) }).kind).toBe(
      'ignored',
    );
    expect(receiveSessionPatch(aSession(), { last_updated: at(1) }).kind).toBe('ignored');
  });

  it('Given a stored session, When a newer PUT omits charging periods, Then they are replaced', () => {
    const put = { ...aSession(), charging_periods: undefined, last_updated: at(3) };
    const outcome = receiveSessionPut(aSession(), put) as { object: SessionJson; created: boolean };
    expect(outcome.created).toBe(false);
    expect(outcome.object.charging_periods).toBeUndefined();
  });

  it('Given a stored session, When a PATCH changes the token uid, Then it is invalid', () => {
    const outcome = receiveSessionPatch(aSession(), {
      cdr_token: { uid: 'OTHER' },
      last_updated: at(4),
    } as { last_updated: string });
    expect(outcome.kind).toBe('invalid');
  });
});
