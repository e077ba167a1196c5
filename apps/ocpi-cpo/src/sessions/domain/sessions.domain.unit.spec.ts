import { decideChargingPreferences } from './charging-preferences.policy';
import { readableTokenOwners } from './token-owners';
import {
  composeSession,
  isNewerCost,
  isStale,
  nextLastUpdated,
  partnerView,
  planSessionPush,
  type SessionJson,
} from './session-sync';

const period = (start: string, kwh: number) => ({
  start_date_time: start,
  dimensions: [{ type: 'ENERGY', volume: kwh }],
});

function session(overrides: Partial<SessionJson> = {}): SessionJson {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'S-1',
    start_date_time: '2026-11-22T10:00:00Z',
    kwh: 0,
    cdr_token: {
      country_code: 'DE',
      party_id: 'EMP',
      uid: 'TOKEN-1',
      type: 'RFID',
      contract_id: 'DE-EMP-C1',
    },
    auth_method: 'WHITELIST',
    location_id: 'LOC-1',
    evse_uid: 'EVSE-1',
    connector_id: '1',
    currency: 'EUR',
    charging_periods: [],
    status: 'ACTIVE',
    last_updated: '2026-11-22T10:00:00Z',
    ...overrides,
  };
}

describe('sessions domain: what the eMSP is sent [SES › Push model] [SES › *PATCH* Method]', () => {
  it('given nothing sent yet, when a session appears, then it is PUT in full', () => {
    const s = session();
    expect(planSessionPush(null, s)).toEqual({ method: 'PUT', body: s });
  });

  it('given a sent session, when kwh and status change, then a PATCH has only those + last_updated', () => {
    const sent = session({ status: 'PENDING' });
    const next = session({ kwh: 1.5, status: 'ACTIVE', last_updated: '2026-11-22T10:05:00Z' });
    expect(planSessionPush(sent, next)).toEqual({
      method: 'PATCH',
      body: { kwh: 1.5, status: 'ACTIVE', last_updated: '2026-11-22T10:05:00Z' },
    });
  });

  it('given sent periods, when new periods close, then the PATCH appends only the new ones', () => {
    const p1 = period('2026-11-22T10:00:00Z', 1);
    const p2 = period('2026-11-22T10:10:00Z', 2);
    const sent = session({ charging_periods: [p1] });
    const next = session({
      charging_periods: [p1, p2],
      kwh: 3,
      last_updated: '2026-11-22T10:20:00Z',
    });
    expect(planSessionPush(sent, next)).toEqual({
      method: 'PATCH',
      body: { kwh: 3, charging_periods: [p2], last_updated: '2026-11-22T10:20:00Z' },
    });
  });

  it('given a sent period that changed afterwards, then only a PUT can say it', () => {
    const sent = session({ charging_periods: [period('2026-11-22T10:00:00Z', 1)] });
    const next = session({ charging_periods: [period('2026-11-22T10:00:00Z', 1.2)], kwh: 1.2 });
    expect(planSessionPush(sent, next)?.method).toBe('PUT');
  });

  it('given a field that disappeared (PATCH cannot remove), then a PUT', () => {
    const sent = session({ authorization_reference: 'REF-1' });
    const next = session({ last_updated: '2026-11-22T10:01:00Z' });
    expect(planSessionPush(sent, next)?.method).toBe('PUT');
  });

  it('given the final state (COMPLETED), then a PUT with everything [SES › Push model]', () => {
    const sent = session({ kwh: 2 });
    const next = session({ kwh: 2, status: 'COMPLETED', end_date_time: '2026-11-22T11:00:00Z' });
    expect(planSessionPush(sent, next)).toEqual({ method: 'PUT', body: next });
  });

  it('given nothing changed but last_updated, then nothing is sent', () => {
    expect(
      planSessionPush(session(), session({ last_updated: '2026-11-22T10:09:00Z' })),
    ).toBeNull();
  });

  it('given a running session, then the last (still growing) period is held back; a final one shows all', () => {
    const periods = [period('2026-11-22T10:00:00Z', 1), period('2026-11-22T10:10:00Z', 0.5)];
    expect(partnerView(session({ charging_periods: periods })).charging_periods).toEqual([
      periods[0],
    ]);
    expect(
      partnerView(session({ charging_periods: periods, status: 'COMPLETED' })).charging_periods,
    ).toEqual(periods);
  });
});

describe('sessions domain: ordering, cost and last_updated', () => {
  it('given a held revision, when an older or equal revision arrives, then it is stale', () => {
    const held = { revision: 5, sourceLastUpdated: '2026-11-22T10:05:00.000Z' };
    expect(isStale(held, { revision: 5, lastUpdated: '2026-11-22T10:06:00Z' })).toBe(true);
    expect(isStale(held, { revision: 4, lastUpdated: '2026-11-22T10:06:00Z' })).toBe(true);
    expect(isStale(held, { revision: 6, lastUpdated: '2026-11-22T10:04:00Z' })).toBe(true);
    expect(isStale(held, { revision: 6, lastUpdated: '2026-11-22T10:05:00Z' })).toBe(false);
    expect(isStale({ revision: 0 }, { revision: 1, lastUpdated: '2026-11-22T10:00:00Z' })).toBe(
      false,
    );
  });

  it('given a cost, then total_cost is the Price with 4 decimals; another currency is ignored', () => {
    const cost = {
      sessionRevision: 2,
      currency: 'EUR',
      exclVat: 1.234567,
      inclVat: 1.49382,
      calculatedAt: '2026-11-22T10:05:00.412Z',
    };
    expect(composeSession(session(), cost).total_cost).toEqual({
      excl_vat: 1.2346,
      incl_vat: 1.4938,
    });
    expect(composeSession(session(), { ...cost, currency: 'USD' }).total_cost).toBeUndefined();
  });

  it('given costs, then a newer session revision or a later calculation wins', () => {
    const held = {
      sessionRevision: 3,
      currency: 'EUR',
      exclVat: 1,
      calculatedAt: '2026-11-22T10:00:00Z',
    };
    expect(
      isNewerCost(held, { ...held, sessionRevision: 2, calculatedAt: '2026-11-22T11:00:00Z' }),
    ).toBe(false);
    expect(isNewerCost(held, { ...held, sessionRevision: 4 })).toBe(true);
    expect(isNewerCost(held, { ...held, calculatedAt: '2026-11-22T10:00:01Z' })).toBe(true);
    expect(isNewerCost(held, held)).toBe(false);
    expect(isNewerCost(undefined, held)).toBe(true);
  });

  it('given last_updated in the same second as before, then the new one is still strictly later', () => {
    expect(nextLastUpdated('2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z')).toBe(
      '2026-11-22T10:00:00.001Z',
    );
    expect(nextLastUpdated('2026-11-22T10:00:00Z', '2026-11-22T10:00:05Z')).toBe(
      '2026-11-22T10:00:05Z',
    );
    expect(nextLastUpdated(undefined, '2026-11-22T10:00:05.250Z')).toBe('2026-11-22T10:00:05.250Z');
  });
});

describe('charging preferences policy [SES › ChargingPreferencesResponse _enum_]', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it('given an active session and a future departure, then ACCEPTED', () => {
    expect(
      decideChargingPreferences(
        { status: 'ACTIVE' },
        { profile_type: 'FAST', departure_time: '2026-11-22T12:00:00Z', energy_need: 20 },
        now,
      ),
    ).toBe('ACCEPTED');
  });

  it('given a completed session or a departure in the past, then NOT_POSSIBLE', () => {
    expect(
      decideChargingPreferences({ status: 'COMPLETED' }, { profile_type: 'REGULAR' }, now),
    ).toBe('NOT_POSSIBLE');
    expect(
      decideChargingPreferences(
        { status: 'ACTIVE' },
        { profile_type: 'CHEAP', departure_time: '2026-11-22T09:59:00Z' },
        now,
      ),
    ).toBe('NOT_POSSIBLE');
  });
});

describe('who reads which sessions and CDRs [T&F › Client Owned Object Pull]', () => {
  const roles = [
    { countryCode: 'de', partyId: 'aaa', role: 'EMSP' },
    { countryCode: 'DE', partyId: 'BBB', role: 'EMSP' },
    { countryCode: 'DE', partyId: 'CPO', role: 'CPO' },
  ];

  it('given a partner with two eMSP roles and a CPO role, then it reads both eMSP parties', () => {
    expect(readableTokenOwners(roles)).toEqual([
      { countryCode: 'DE', partyId: 'AAA' },
      { countryCode: 'DE', partyId: 'BBB' },
    ]);
  });

  it('given OCPI-from-* headers naming one of them, then only that party', () => {
    expect(readableTokenOwners(roles, { countryCode: 'DE', partyId: 'bbb' })).toEqual([
      { countryCode: 'DE', partyId: 'BBB' },
    ]);
  });
});
