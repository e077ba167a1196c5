import {
  decideAuthorization,
  needsRealTime,
  withConcurrentTx,
  type CachedToken,
  type RealTimeDecision,
} from './authorization-policy';
import { decideBoot } from './boot-decision';
import { flattenMeterValues, InvalidSampledValueError } from './sampled-values';
import { hashStationPassword, verifyStationPassword } from './station-password';

const token = (overrides: Partial<CachedToken> = {}): CachedToken => ({
  uid: 'AABBCC',
  valid: true,
  whitelist: 'ALLOWED',
  countryCode: 'DE',
  partyId: 'VLE',
  ...overrides,
});

describe('authorization policy (OCPI whitelist semantics)', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const later = '2026-11-23T10:00:00.000Z';
  const earlier = '2026-11-21T10:00:00.000Z';
  const decide = (
    cached: CachedToken | null,
    realTime: RealTimeDecision | null = null,
    lastDecision: RealTimeDecision | null = null,
  ) => decideAuthorization({ token: cached, realTime, lastDecision, now });

  it.each([
    ['an invalid token', 'Blocked', token({ valid: false, whitelist: 'ALWAYS' })],
    ['an ALWAYS token', 'Accepted', token({ whitelist: 'ALWAYS' })],
    ['an ALLOWED token', 'Accepted', token({ whitelist: 'ALLOWED' })],
  ])('given %s, it answers %s from the cache without asking the eMSP', (_what, status, cached) => {
    expect(needsRealTime(cached)).toBe(false);
    expect(decide(cached, { status: 'Invalid' }).status).toBe(status);
  });

  it.each([
    ['an unknown token', null],
    ['a NEVER token', token({ whitelist: 'NEVER' })],
    ['an ALLOWED_OFFLINE token', token({ whitelist: 'ALLOWED_OFFLINE' })],
  ])('given %s, the eMSP decides in real time', (_what, cached) => {
    expect(needsRealTime(cached)).toBe(true);
    expect(decide(cached, { status: 'Blocked' })).toEqual({
      status: 'Blocked',
      source: 'emsp-real-time',
    });
    expect(decide(cached, { status: 'Accepted', expiryDate: later, parentIdTag: 'P1' })).toEqual({
      status: 'Accepted',
      source: 'emsp-real-time',
      expiryDate: later,
      parentIdTag: 'P1',
    });
  });

  it('given a real-time acceptance whose expiry date has passed, it answers Expired', () => {
    expect(decide(null, { status: 'Accepted', expiryDate: earlier }).status).toBe('Expired');
    expect(decide(null, { status: 'Expired' }).status).toBe('Expired');
  });

  it.each([
    ['an ALLOWED_OFFLINE token', 'Accepted', token({ whitelist: 'ALLOWED_OFFLINE' }), null],
    ['a NEVER token', 'Invalid', token({ whitelist: 'NEVER' }), null],
    ['an unknown token', 'Invalid', null, null],
    [
      'an unknown token last accepted until later',
      'Accepted',
      null,
      { status: 'Accepted', expiryDate: later },
    ],
    [
      'an unknown token last accepted until earlier',
      'Expired',
      null,
      { status: 'Accepted', expiryDate: earlier },
    ],
    [
      'a NEVER token last accepted without expiry',
      'Invalid',
      token({ whitelist: 'NEVER' }),
      { status: 'Accepted' },
    ],
    ['a NEVER token last blocked', 'Blocked', token({ whitelist: 'NEVER' }), { status: 'Blocked' }],
  ] as const)(
    'given %s and no real-time answer (eMSP unreachable), it answers %s',
    (_what, status, cached, last) => {
      expect(decide(cached, null, last).status).toBe(status);
    },
  );

  it('given an accepted token busy in another transaction, it answers ConcurrentTx', () => {
    expect(withConcurrentTx(decide(token()), true).status).toBe('ConcurrentTx');
    expect(withConcurrentTx(decide(token()), false).status).toBe('Accepted');
    expect(withConcurrentTx(decide(token({ valid: false })), true).status).toBe('Blocked');
  });
});

describe('boot decision', () => {
  const intervals = { heartbeatIntervalSeconds: 300, bootRetryIntervalSeconds: 60 };
  it('gives Accepted stations the heartbeat interval', () => {
    expect(decideBoot('Accepted', intervals)).toEqual({ status: 'Accepted', interval: 300 });
  });
  it('tells Pending and Rejected stations when to boot again', () => {
    expect(decideBoot('Pending', intervals)).toEqual({ status: 'Pending', interval: 60 });
    expect(decideBoot('Rejected', intervals)).toEqual({ status: 'Rejected', interval: 60 });
  });
});

describe('meter value flattening', () => {
  it('fills the OCPP defaults and keeps measurand, phase, unit, context and location', () => {
    const flat = flattenMeterValues([
      {
        timestamp: '2025-03-14T10:46:00+01:00',
        sampledValue: [
          { value: '1257810' },
          {
            value: '230.4',
            measurand: 'Voltage',
            unit: 'V',
            phase: 'L1-N',
            context: 'Sample.Clock',
            location: 'Inlet',
          },
          { value: '31.5', measurand: 'Temperature', unit: 'Celcius', location: 'Body' },
        ],
      },
    ]);
    expect(flat).toEqual([
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 1257810,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
        context: 'Sample.Periodic',
        location: 'Outlet',
      },
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 230.4,
        measurand: 'Voltage',
        unit: 'V',
        context: 'Sample.Clock',
        location: 'Inlet',
        phase: 'L1-N',
      },
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 31.5,
        measurand: 'Temperature',
        unit: 'Celsius',
        context: 'Sample.Periodic',
        location: 'Body',
      },
    ]);
  });

  it('attaches SignedData to the raw value of the same reading', () => {
    const flat = flattenMeterValues([
      {
        timestamp: '2025-03-14T09:46:00Z',
        sampledValue: [{ value: '10' }, { value: 'OCMF|{...}', format: 'SignedData' }],
      },
    ]);
    expect(flat).toHaveLength(1);
    expect(flat[0]).toMatchObject({ value: 10, signedMeterValue: 'OCMF|{...}' });
  });

  it('rejects a raw value that is not a number', () => {
    expect(() =>
      flattenMeterValues([{ timestamp: '2025-03-14T09:46:00Z', sampledValue: [{ value: 'abc' }] }]),
    ).toThrow(InvalidSampledValueError);
  });
});

describe('station password', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashStationPassword('s3cret-pass');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('s3cret-pass');
    expect(await verifyStationPassword('s3cret-pass', hash)).toBe(true);
    expect(await verifyStationPassword('s3cret-pasS', hash)).toBe(false);
    expect(await verifyStationPassword('x', 'garbage')).toBe(false);
  });
});
