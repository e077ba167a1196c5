import { decideAuthorization, type CachedToken } from './authorization-policy';
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
  it.each([
    ['an unknown token', 'Invalid', null, false],
    ['an invalid token', 'Blocked', token({ valid: false, whitelist: 'ALWAYS' }), false],
    ['an ALWAYS token', 'Accepted', token({ whitelist: 'ALWAYS' }), false],
    ['an ALLOWED token', 'Accepted', token({ whitelist: 'ALLOWED' }), false],
    ['an ALLOWED_OFFLINE token', 'Accepted', token({ whitelist: 'ALLOWED_OFFLINE' }), false],
    ['a NEVER token (needs real-time)', 'Invalid', token({ whitelist: 'NEVER' }), false],
    ['a token busy in another transaction', 'ConcurrentTx', token(), true],
  ])('given %s, it answers %s', (_what, status, cached, busy) => {
    expect(decideAuthorization(cached, busy).status).toBe(status);
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
