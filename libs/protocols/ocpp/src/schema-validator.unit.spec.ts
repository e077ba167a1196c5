import { negotiateSubprotocol, protocolVersion } from './protocol-versions';
import { OCPP16_ERROR_CODES, OCPP201_ERROR_CODES, RpcError } from './rpc-error-codes';
import { isMultipleOf } from './schema-validator';

const v16 = protocolVersion('ocpp1.6');

function kindOf(action: string, payload: unknown): string | null {
  try {
    v16.validator.validate(action, 'req', payload);
    return null;
  } catch (err) {
    if (err instanceof RpcError) return err.kind;
    throw err;
  }
}

const boot = { chargePointVendor: 'Alfen BV', chargePointModel: 'NG920' };
const profile = (limit: number) => ({
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 1,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: {
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit }],
    },
  },
});

describe('OCPP 1.6 schema validation (official schemas from ocpp-rpc)', () => {
  it('has the 78 schemas of 1.6 + security extension', () => {
    expect(v16.validator.knows('BootNotification', 'req')).toBe(true);
    expect(v16.validator.knows('SignCertificate', 'conf')).toBe(true);
    expect(v16.validator.knows('TransactionEvent', 'req')).toBe(false);
  });

  it.each([
    ['BootNotification', boot],
    ['Heartbeat', {}],
    ['StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' }],
    ['Authorize', { idTag: 'ABC' }],
    [
      'StartTransaction',
      { connectorId: 1, idTag: 'ABC', meterStart: 0, timestamp: '2025-01-01T00:00:00Z' },
    ],
    [
      'MeterValues',
      {
        connectorId: 1,
        transactionId: 5,
        meterValue: [{ timestamp: '2025-01-01T00:00:00.000Z', sampledValue: [{ value: '12.5' }] }],
      },
    ],
    ['StopTransaction', { meterStop: 10, timestamp: '2025-01-01T00:00:00Z', transactionId: 5 }],
    ['DataTransfer', { vendorId: 'com.example' }],
    ['DiagnosticsStatusNotification', { status: 'Uploaded' }],
    ['FirmwareStatusNotification', { status: 'Installed' }],
  ])('accepts a valid %s.req', (action, payload) => {
    expect(kindOf(action, payload)).toBeNull();
  });

  it.each([
    [
      'a missing required field',
      'BootNotification',
      { chargePointVendor: 'V' },
      'OccurrenceConstraintViolation',
    ],
    [
      'a wrong type',
      'StatusNotification',
      { connectorId: 'one', errorCode: 'NoError', status: 'Available' },
      'TypeConstraintViolation',
    ],
    [
      'a value outside the enum',
      'StatusNotification',
      { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' },
      'PropertyConstraintViolation',
    ],
    ['a string too long', 'Authorize', { idTag: 'X'.repeat(21) }, 'PropertyConstraintViolation'],
    [
      'a bad date-time',
      'StopTransaction',
      { meterStop: 1, timestamp: 'yesterday', transactionId: 1 },
      'PropertyConstraintViolation',
    ],
    ['an unknown property', 'Heartbeat', { hello: 1 }, 'FormatViolation'],
    [
      'a nested required field missing',
      'MeterValues',
      { connectorId: 1, meterValue: [{ timestamp: '2025-01-01T00:00:00Z' }] },
      'OccurrenceConstraintViolation',
    ],
    ['an unknown action', 'FlyToTheMoon', {}, 'NotImplemented'],
  ])('rejects %s', (_what, action, payload, kind) => {
    expect(kindOf(action, payload)).toBe(kind);
  });

  it('accepts multipleOf 0.1 values that binary floating point cannot represent (21.4, 0.3)', () => {
    for (const limit of [21.4, 0.3, 16, 7.1, 1234.5]) {
      expect(kindOf('SetChargingProfile', profile(limit))).toBeNull();
    }
    expect(kindOf('SetChargingProfile', profile(21.45))).toBe('PropertyConstraintViolation');
    expect(isMultipleOf(0.30000000000000004, 0.1)).toBe(true);
    expect(isMultipleOf(0.35, 0.1)).toBe(false);
  });

  it('validates confirmations (direction conf)', () => {
    expect(() =>
      v16.validator.validate('BootNotification', 'conf', {
        status: 'Accepted',
        currentTime: '2025-01-01T00:00:00Z',
        interval: 300,
      }),
    ).not.toThrow();
    expect(() => v16.validator.validate('BootNotification', 'conf', { status: 'Maybe' })).toThrow(
      RpcError,
    );
  });
});

describe('protocol versions', () => {
  it('spell the error codes per version (1.6 keeps the typos of its errata "do not fix")', () => {
    expect(OCPP16_ERROR_CODES.FormatViolation).toBe('FormationViolation');
    expect(OCPP16_ERROR_CODES.OccurrenceConstraintViolation).toBe('OccurenceConstraintViolation');
    expect(OCPP201_ERROR_CODES.FormatViolation).toBe('FormatViolation');
    expect(protocolVersion('ocpp2.0.1').validator.knows('TransactionEvent', 'req')).toBe(true);
  });

  it('negotiates the first offered supported subprotocol', () => {
    expect(negotiateSubprotocol(['ocpp2.0.1', 'ocpp1.6'], ['ocpp1.6'])).toBe('ocpp1.6');
    expect(negotiateSubprotocol(['ocpp1.5'], ['ocpp1.6'])).toBeNull();
    expect(negotiateSubprotocol([], ['ocpp1.6'])).toBeNull();
  });
});
