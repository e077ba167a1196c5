import { liveEvseStatus, ocpiStatusOfOcpp } from './evse-status';
import {
  changeEvseStatus,
  isListed,
  isVisible,
  putLocation,
  retireLocation,
  type EvseJson,
  type LocationJson,
  type OcppMapping,
} from './location-master-data';

const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';
const T2 = '2026-11-03T10:00:00.000Z';

function evse(uid: string, status = 'AVAILABLE', extra: Record<string, unknown> = {}): EvseJson {
  return {
    uid,
    status,
    connectors: [
      {
        id: '1',
        standard: 'IEC_62196_T2',
        format: 'SOCKET',
        power_type: 'AC_3_PHASE',
        max_voltage: 230,
        max_amperage: 32,
        last_updated: 'x',
      },
    ],
    last_updated: 'x',
    ...extra,
  } as EvseJson;
}

function location(evses: EvseJson[], extra: Record<string, unknown> = {}): LocationJson {
  return {
    country_code: 'nl',
    party_id: 'vlt',
    id: 'LOC1',
    publish: true,
    address: 'Street 1',
    city: 'Amsterdam',
    country: 'NLD',
    coordinates: { latitude: '52.00000', longitude: '4.00000' },
    time_zone: 'Europe/Amsterdam',
    evses,
    last_updated: 'x',
    ...extra,
  } as LocationJson;
}

const mappings = (...uids: string[]) =>
  new Map<string, OcppMapping>(
    uids.map((u, i) => [u.toUpperCase(), { stationId: 'CP-1', connectorId: i + 1 }]),
  );

describe('OCPP → OCPI EVSE status (ADR 0064)', () => {
  it.each([
    ['Available', 'AVAILABLE'],
    ['Preparing', 'CHARGING'],
    ['Charging', 'CHARGING'],
    ['SuspendedEV', 'CHARGING'],
    ['SuspendedEVSE', 'CHARGING'],
    ['Finishing', 'CHARGING'],
    ['Reserved', 'RESERVED'],
    ['Unavailable', 'INOPERATIVE'],
    ['Faulted', 'OUTOFORDER'],
  ])('given OCPP %s, then OCPI %s', (ocpp, ocpi) => {
    expect(ocpiStatusOfOcpp(ocpp)).toBe(ocpi);
  });

  it('given a disconnected station, then UNKNOWN whatever it last reported', () => {
    expect(liveEvseStatus('Charging', false)).toBe('UNKNOWN');
    expect(liveEvseStatus(null, false)).toBe('UNKNOWN');
    expect(liveEvseStatus('Charging', true)).toBe('CHARGING');
    expect(liveEvseStatus(null, undefined)).toBeUndefined();
  });
});

describe('putLocation', () => {
  it('given a new location, when PUT, then every last_updated is ours and parties upper-case', () => {
    const change = putLocation({
      location: location([evse('E1')]),
      mappings: mappings('E1'),
      liveStatusOf: () => undefined,
      now: T0,
    });
    expect(change.changed).toBe(true);
    expect(change.location).toMatchObject({
      country_code: 'NL',
      party_id: 'VLT',
      last_updated: T0,
    });
    expect(change.location.evses?.[0]).toMatchObject({ status: 'AVAILABLE', last_updated: T0 });
    expect(change.location.evses?.[0].connectors[0].last_updated).toBe(T0);
    expect(change.evses).toEqual([
      {
        evseUid: 'E1',
        stationId: 'CP-1',
        ocppConnectorId: 1,
        ocpiConnectorId: '1',
        removed: false,
      },
    ]);
  });

  it('given a stored location, when the same content is PUT again, then nothing changes', () => {
    const first = putLocation({
      location: location([evse('E1')]),
      mappings: mappings('E1'),
      liveStatusOf: () => undefined,
      now: T0,
    });
    const again = putLocation({
      location: location([evse('e1')].map((e) => ({ ...e, uid: 'E1' }))),
      mappings: mappings('E1'),
      previous: first,
      liveStatusOf: () => undefined,
      now: T1,
    });
    expect(again.changed).toBe(false);
    expect(again.location.last_updated).toBe(T0);
  });

  it('given two EVSEs, when one changes, then only it and the location get the new stamp', () => {
    const first = putLocation({
      location: location([evse('E1'), evse('E2')]),
      mappings: mappings('E1', 'E2'),
      liveStatusOf: () => undefined,
      now: T0,
    });
    const next = putLocation({
      location: location([evse('E1'), evse('E2', 'AVAILABLE', { floor_level: '2' })]),
      mappings: mappings('E1', 'E2'),
      previous: first,
      liveStatusOf: () => undefined,
      now: T1,
    });
    expect(next.changed).toBe(true);
    expect(next.location.last_updated).toBe(T1);
    expect(next.location.evses?.map((e) => e.last_updated)).toEqual([T0, T1]);
    expect(next.location.evses?.[1].connectors[0].last_updated).toBe(T0);
  });

  it('given an EVSE left out of a later PUT, then it is retired as REMOVED, not deleted', () => {
    const first = putLocation({
      location: location([evse('E1'), evse('E2')]),
      mappings: mappings('E1', 'E2'),
      liveStatusOf: () => undefined,
      now: T0,
    });
    const next = putLocation({
      location: location([evse('E1')]),
      mappings: mappings('E1'),
      previous: first,
      liveStatusOf: () => undefined,
      now: T1,
    });
    expect(next.location.evses?.map((e) => [e.uid, e.status, e.last_updated])).toEqual([
      ['E1', 'AVAILABLE', T0],
      ['E2', 'REMOVED', T1],
    ]);
    expect(next.evses.find((e) => e.evseUid === 'E2')?.removed).toBe(true);
  });

  it('given a status reported by OCPP, when the operator PUTs another one, then OCPP wins unless REMOVED', () => {
    const put = (status: string) =>
      putLocation({
        location: location([evse('E1', status)]),
        mappings: mappings('E1'),
        liveStatusOf: () => 'CHARGING',
        now: T0,
      });
    expect(put('AVAILABLE').location.evses?.[0].status).toBe('CHARGING');
    expect(put('REMOVED').location.evses?.[0].status).toBe('REMOVED');
  });
});

describe('retireLocation and changeEvseStatus', () => {
  const stored = putLocation({
    location: location([evse('E1'), evse('E2', 'REMOVED')]),
    mappings: mappings('E1', 'E2'),
    liveStatusOf: () => undefined,
    now: T0,
  });

  it('given a location, when retired, then all EVSEs are REMOVED and it is no longer listed', () => {
    const retired = retireLocation(stored, T1);
    expect(retired.changed).toBe(true);
    expect(retired.location.evses?.map((e) => e.status)).toEqual(['REMOVED', 'REMOVED']);
    expect(retired.location.last_updated).toBe(T1);
    expect(isListed(retired.location)).toBe(false);
    expect(isVisible(retired.location)).toBe(true);
    expect(retireLocation(retired, T2).changed).toBe(false);
  });

  it('given a status change, then EVSE and Location last_updated move (never backwards)', () => {
    const next = changeEvseStatus(stored.location, 'e1', 'CHARGING', T1);
    expect(next?.evse).toMatchObject({ uid: 'E1', status: 'CHARGING', last_updated: T1 });
    expect(next?.location.last_updated).toBe(T1);
    const older = changeEvseStatus(next!.location, 'E1', 'AVAILABLE', T0);
    expect(older?.evse.last_updated).toBe(T1);
  });

  it('given the same status, a REMOVED or an unknown EVSE, then nothing changes', () => {
    expect(changeEvseStatus(stored.location, 'E1', 'AVAILABLE', T1)).toBeUndefined();
    expect(changeEvseStatus(stored.location, 'E2', 'AVAILABLE', T1)).toBeUndefined();
    expect(changeEvseStatus(stored.location, 'E9', 'AVAILABLE', T1)).toBeUndefined();
  });

  it('given publish=false, then visible only with publish_allowed_to', () => {
    expect(isVisible(location([], { publish: false }))).toBe(false);
    expect(isVisible(location([], { publish: false, publish_allowed_to: [{ uid: 'X' }] }))).toBe(
      true,
    );
  });
});
