import {
  type LocationJson,
  locationPart,
  receiveLocationPatch,
  receiveLocationPut,
} from './received-location';

const at = (minute: number) => `2026-11-22T08:${String(minute).padStart(2, '0')}:00Z`;

function aLocation(): LocationJson {
  return {
    country_code: 'NL',
    party_id: 'CPA',
    id: 'LOC1',
    evses: [
      {
        uid: 'E1',
        status: 'AVAILABLE',
        connectors: [{ id: '1', standard: 'IEC_62196_T2', last_updated: at(1) }],
        last_updated: at(1),
      },
    ],
    last_updated: at(1),
  };
}

describe('received locations (mod_locations Receiver, ADR 0070)', () => {
  it('Given nothing stored, When a Location is PUT, Then it is created', () => {
    const outcome = receiveLocationPut(null, {}, aLocation());
    expect(outcome).toEqual({ kind: 'applied', object: aLocation(), created: true });
  });

  it('Given a stored Location, When an older or equal PUT arrives, Then it is ignored', () => {
    expect(receiveLocationPut(aLocation(), {}, { ...aLocation(), last_updated: at(0) })).toEqual({
      kind: 'ignored',
    });
    expect(receiveLocationPut(aLocation(), {}, aLocation())).toEqual({ kind: 'ignored' });
  });

  it('Given no Location, When an EVSE is PUT or PATCHed, Then the Location is unknown', () => {
    const evse = { uid: 'E2', connectors: [], last_updated: at(2) };
    expect(receiveLocationPut(null, { evseUid: 'E2' }, evse)).toEqual({
      kind: 'unknown',
      what: 'Location',
    });
    expect(receiveLocationPatch(null, { evseUid: 'E1' }, { last_updated: at(2) }).kind).toBe(
      'unknown',
    );
  });

  it('Given a Location, When an EVSE status is PATCHed, Then the EVSE changes and the Location is bumped', () => {
    const outcome = receiveLocationPatch(aLocation(), { evseUid: 'e1' }, {
      status: 'CHARGING',
      last_updated: at(5),
    } as { last_updated: string });
    expect(outcome.kind).toBe('applied');
    const location = (outcome as { object: LocationJson }).object;
    expect(location.last_updated).toBe(at(5));
    expect(location.evses?.[0]).toMatchObject({ status: 'CHARGING', last_updated: at(5) });
  });

  it('Given an EVSE updated at 08:05, When a PATCH of 08:04 arrives, Then it is ignored', () => {
    const patched = receiveLocationPatch(aLocation(), { evseUid: 'E1' }, {
      status: 'CHARGING',
      last_updated: at(5),
    } as { last_updated: string }) as { object: LocationJson };
    const late = receiveLocationPatch(patched.object, { evseUid: 'E1' }, {
      status: 'AVAILABLE',
      last_updated: at(4),
    } as { last_updated: string });
    expect(late).toEqual({ kind: 'ignored' });
  });

  it('Given a Location, When a Connector is PUT, Then EVSE and Location are bumped', () => {
    const outcome = receiveLocationPut(
      aLocation(),
      { evseUid: 'E1', connectorId: '2' },
      { id: '2', last_updated: at(6) },
    ) as { object: LocationJson; created: boolean };
    expect(outcome.created).toBe(true);
    expect(outcome.object.evses?.[0].connectors).toHaveLength(2);
    expect(outcome.object.evses?.[0].last_updated).toBe(at(6));
    expect(outcome.object.last_updated).toBe(at(6));
  });

  it('Given a Location, When a connector of an unknown EVSE is PATCHed, Then it is unknown', () => {
    const outcome = receiveLocationPatch(
      aLocation(),
      { evseUid: 'E9', connectorId: '1' },
      { last_updated: at(7) },
    );
    expect(outcome.kind).toBe('unknown');
  });

  it('Given a Location, When a PATCH changes its id, Then it is invalid', () => {
    const outcome = receiveLocationPatch(aLocation(), {}, {
      id: 'OTHER',
      last_updated: at(8),
    } as { last_updated: string });
    expect(outcome.kind).toBe('invalid');
  });

  it('Given a Location, When a part is addressed, Then the Location, EVSE or Connector is returned', () => {
    expect(locationPart(aLocation(), {})).toEqual(aLocation());
    expect(locationPart(aLocation(), { evseUid: 'e1' })).toMatchObject({ uid: 'E1' });
    expect(locationPart(aLocation(), { evseUid: 'E1', connectorId: '1' })).toMatchObject({
      id: '1',
    });
    expect(locationPart(aLocation(), { evseUid: 'E1', connectorId: '9' })).toBeUndefined();
  });
});
