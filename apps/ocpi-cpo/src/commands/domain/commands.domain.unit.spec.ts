import {
  activeProfileOf,
  commandResultOf,
  ocppScheduleOf,
  profileResultOf,
  resultBody,
} from './command-results';
import { fitsOcppIdTag, targetOf } from './command-target';

const responded = (responseStatus: string) => ({ outcome: 'Responded' as const, responseStatus });

describe('OCPP outcome → OCPI CommandResult (ADR 0066) [CMD › CommandResultType _enum_]', () => {
  it.each([
    ['START_SESSION', 'Accepted', 'ACCEPTED'],
    ['START_SESSION', 'Rejected', 'REJECTED'],
    ['STOP_SESSION', 'Accepted', 'ACCEPTED'],
    ['UNLOCK_CONNECTOR', 'Unlocked', 'ACCEPTED'],
    ['UNLOCK_CONNECTOR', 'UnlockFailed', 'FAILED'],
    ['UNLOCK_CONNECTOR', 'NotSupported', 'NOT_SUPPORTED'],
    ['RESERVE_NOW', 'Accepted', 'ACCEPTED'],
    ['RESERVE_NOW', 'Occupied', 'EVSE_OCCUPIED'],
    ['RESERVE_NOW', 'Faulted', 'EVSE_INOPERATIVE'],
    ['RESERVE_NOW', 'Unavailable', 'EVSE_INOPERATIVE'],
    ['RESERVE_NOW', 'Rejected', 'REJECTED'],
    ['CANCEL_RESERVATION', 'Accepted', 'ACCEPTED'],
    ['CANCEL_RESERVATION', 'Rejected', 'UNKNOWN_RESERVATION'],
  ] as const)('Given %s answered %s, When mapped, Then %s', (kind, status, result) => {
    expect(commandResultOf(kind, responded(status))).toBe(result);
  });

  it('Given no station answer, When mapped, Then Timeout → TIMEOUT, offline/invalid → FAILED, NotSupported CALLERROR → NOT_SUPPORTED', () => {
    expect(commandResultOf('START_SESSION', { outcome: 'Timeout' })).toBe('TIMEOUT');
    expect(commandResultOf('START_SESSION', { outcome: 'StationOffline' })).toBe('FAILED');
    expect(commandResultOf('START_SESSION', { outcome: 'InvalidResponse' })).toBe('FAILED');
    expect(
      commandResultOf('UNLOCK_CONNECTOR', {
        outcome: 'CallError',
        error: { code: 'NotImplemented', description: 'x' },
      }),
    ).toBe('NOT_SUPPORTED');
    expect(
      commandResultOf('UNLOCK_CONNECTOR', {
        outcome: 'CallError',
        error: { code: 'InternalError', description: 'x' },
      }),
    ).toBe('FAILED');
  });

  it('Given charging-profile outcomes, When mapped, Then Accepted → ACCEPTED, clear Unknown → UNKNOWN, anything else REJECTED', () => {
    expect(profileResultOf('SET_PROFILE', responded('Accepted'))).toBe('ACCEPTED');
    expect(profileResultOf('SET_PROFILE', responded('NotSupported'))).toBe('REJECTED');
    expect(profileResultOf('CLEAR_PROFILE', responded('Unknown'))).toBe('UNKNOWN');
    expect(profileResultOf('GET_ACTIVE_PROFILE', { outcome: 'Timeout' })).toBe('REJECTED');
  });

  it('Given a composite schedule, When mapped, Then an ActiveChargingProfile with one-decimal limits', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(
      activeProfileOf(
        {
          chargingRateUnit: 'W',
          duration: 600,
          chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400.04 }],
        },
        now,
      ),
    ).toEqual({
      start_date_time: '2026-01-01T00:00:00.000Z',
      charging_profile: {
        start_date_time: '2026-01-01T00:00:00.000Z',
        duration: 600,
        charging_rate_unit: 'W',
        charging_profile_period: [{ start_period: 0, limit: 7400 }],
      },
    });
    expect(activeProfileOf(undefined, now)).toBeUndefined();
    expect(
      resultBody('GET_ACTIVE_PROFILE', { outcome: 'Responded', responseStatus: 'Accepted' }, now),
    ).toEqual({ result: 'REJECTED' });
  });

  it('Given an OCPI ChargingProfile, When mapped to OCPP, Then the schedule keeps unit, periods and start', () => {
    expect(
      ocppScheduleOf({
        start_date_time: '2026-01-01T10:00:00',
        charging_rate_unit: 'A',
        min_charging_rate: 6,
        charging_profile_period: [{ start_period: 0, limit: 16 }],
      }),
    ).toEqual({
      startSchedule: '2026-01-01T10:00:00.000Z',
      chargingRateUnit: 'A',
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }],
      minChargingRate: 6,
    });
  });
});

describe('OCPI location/EVSE/connector → OCPP station connector', () => {
  const evses = [
    { evseUid: 'EVSE-1', stationId: 'CP1', ocppConnectorId: 1, removed: false },
    { evseUid: 'EVSE-2', stationId: 'CP1', ocppConnectorId: 2, removed: false },
    { evseUid: 'EVSE-OLD', stationId: 'CP9', ocppConnectorId: 1, removed: true },
  ];
  const json = [
    { uid: 'EVSE-1', connectors: [{ id: '1' }] },
    {
      uid: 'EVSE-2',
      capabilities: ['START_SESSION_CONNECTOR_REQUIRED'],
      connectors: [{ id: '1' }],
    },
    { uid: 'EVSE-OLD', status: 'REMOVED', connectors: [{ id: '1' }] },
  ];

  it('Given an EVSE uid in another case, When resolved, Then its station connector', () => {
    expect(targetOf(evses, json, { evseUid: 'evse-1', connectorId: '1' })).toEqual({
      ok: true,
      stationId: 'CP1',
      connectorId: 1,
      evseUid: 'EVSE-1',
    });
  });

  it('Given no EVSE and one station, When resolved, Then the station without a connector', () => {
    expect(targetOf(evses, json, {})).toEqual({ ok: true, stationId: 'CP1' });
  });

  it('Given unknown or removed EVSEs or connectors, When resolved, Then a problem is named', () => {
    expect(targetOf(evses, json, { evseUid: 'NOPE' })).toMatchObject({ problem: 'unknown_evse' });
    expect(targetOf(evses, json, { evseUid: 'EVSE-OLD' })).toMatchObject({
      problem: 'unknown_evse',
    });
    expect(targetOf(evses, json, { evseUid: 'EVSE-1', connectorId: '9' })).toMatchObject({
      problem: 'unknown_connector',
    });
  });

  it('Given START_SESSION_CONNECTOR_REQUIRED, When no connector is named, Then it is required [CMD › _StartSession_ Object]', () => {
    expect(
      targetOf(evses, json, { evseUid: 'EVSE-2' }, { requireConnectorCapability: true }),
    ).toMatchObject({ problem: 'connector_required' });
    expect(targetOf(evses, json, { evseUid: 'EVSE-2' })).toMatchObject({ ok: true });
  });

  it('Given EVSEs on several stations, When no EVSE is named, Then evse_uid is needed', () => {
    const two = [
      ...evses,
      { evseUid: 'EVSE-3', stationId: 'CP2', ocppConnectorId: 1, removed: false },
    ];
    expect(targetOf(two, json, {})).toMatchObject({ problem: 'several_stations' });
  });

  it('Given token uids, When checked for OCPP 1.6, Then at most 20 printable characters fit', () => {
    expect(fitsOcppIdTag('04A2B3C4D5E6F7')).toBe(true);
    expect(fitsOcppIdTag('X'.repeat(21))).toBe(false);
  });
});
