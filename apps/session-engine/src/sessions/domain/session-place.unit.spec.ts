import { startSession } from './charging-session';
import { toOcpiSession } from './ocpi-session.mapper';
import { type ConnectorMapping, fallbackPlace, placeOf, truncateText } from './session-place';

const MAPPING: ConnectorMapping = {
  stationId: 'CP-AMS-0042',
  ocppConnectorId: 2,
  locationId: 'LOC-AMS-0001',
  evseUid: 'EVSE-0042-2',
  connectorId: '2',
};

const LOCATION = {
  country_code: 'NL',
  party_id: 'VLT',
  id: 'LOC-AMS-0001',
  name: 'Voltlane Amsterdam Zuidas',
  address: 'Gustav Mahlerlaan 10, Parkeergarage Mahler4, niveau -2, vak 117-124',
  city: 'Amsterdam',
  postal_code: '1082 PP',
  country: 'NLD',
  coordinates: { latitude: '52.338430', longitude: '4.872130' },
  time_zone: 'Europe/Amsterdam',
  evses: [
    {
      uid: 'EVSE-0042-1',
      evse_id: 'NL*VLT*E0042*1',
      connectors: [{ id: '1', standard: 'CHADEMO' }],
    },
    {
      uid: 'evse-0042-2',
      evse_id: 'NL*VLT*E0042*2',
      connectors: [
        { id: '1', standard: 'CHADEMO', format: 'CABLE', power_type: 'DC' },
        { id: '2', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE' },
      ],
    },
  ],
  last_updated: '2025-03-10T12:00:00Z',
};

describe('session place (OCPI location / EVSE / connector and the CdrLocation snapshot)', () => {
  describe('given a mapped station connector and its location', () => {
    it('then the CdrLocation holds the location, the mapped EVSE and the mapped connector', () => {
      expect(placeOf(MAPPING, LOCATION)).toEqual({
        locationId: 'LOC-AMS-0001',
        evseUid: 'EVSE-0042-2',
        connectorId: '2',
        cdrLocation: {
          id: 'LOC-AMS-0001',
          name: 'Voltlane Amsterdam Zuidas',
          address: 'Gustav Mahlerlaan 10, Parkeergarage Mahler4,',
          city: 'Amsterdam',
          postal_code: '1082 PP',
          country: 'NLD',
          coordinates: { latitude: '52.338430', longitude: '4.872130' },
          evse_uid: 'EVSE-0042-2',
          evse_id: 'NL*VLT*E0042*2',
          connector_id: '2',
          connector_standard: 'IEC_62196_T2',
          connector_format: 'SOCKET',
          connector_power_type: 'AC_3_PHASE',
        },
      });
    });

    it('then the address is cut to the CdrLocation limit of 45 characters', () => {
      expect(placeOf(MAPPING, LOCATION).cdrLocation?.address?.length).toBeLessThanOrEqual(45);
    });

    it('then the evse_id of the mapping wins over the EVSE object', () => {
      const place = placeOf({ ...MAPPING, evseId: 'NL*VLT*E0042*X' }, LOCATION);
      expect(place.cdrLocation?.evse_id).toBe('NL*VLT*E0042*X');
    });
  });

  describe('given a mapping whose EVSE / connector the location does not list', () => {
    it('then the location fields and the ids are there, and what does not exist is "#NA" (nothing invented)', () => {
      const place = placeOf({ ...MAPPING, evseUid: 'EVSE-GONE', evseId: undefined }, LOCATION);
      expect(place.cdrLocation).toMatchObject({
        id: 'LOC-AMS-0001',
        evse_uid: 'EVSE-GONE',
        // required in a CdrLocation; OCPI's value for data that does not exist
        evse_id: '#NA',
        connector_standard: '#NA',
        connector_format: '#NA',
        connector_power_type: '#NA',
      });
    });
  });

  describe('given no location data', () => {
    it('then the ids are derived from the station (documented fallback), no CdrLocation', () => {
      expect(fallbackPlace('CP-1', 3)).toEqual({
        locationId: 'CP-1',
        evseUid: 'CP-1*3',
        connectorId: '3',
      });
      expect(placeOf(MAPPING, undefined).cdrLocation).toBeUndefined();
    });

    it('then the OCPI Session uses the fallback ids; with a place it uses the mapped ids', () => {
      const start = {
        sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
        stationId: 'CP-AMS-0042',
        connectorId: 2,
        transactionId: '9',
        idTag: 'TAG',
        idTagStatus: 'Accepted',
        meterStartWh: 0,
        startedAt: Date.parse('2025-03-14T09:00:00Z'),
      };
      const ctx = { countryCode: 'NL', partyId: 'VLT', currency: 'EUR' };
      expect(toOcpiSession(startSession(start, 0), ctx)).toMatchObject({
        location_id: 'CP-AMS-0042',
        evse_uid: 'CP-AMS-0042*2',
        connector_id: '2',
        auth_method: 'WHITELIST',
      });
      const placed = startSession({ ...start, place: placeOf(MAPPING, LOCATION) }, 0);
      expect(toOcpiSession(placed, ctx)).toMatchObject({
        location_id: 'LOC-AMS-0001',
        evse_uid: 'EVSE-0042-2',
        connector_id: '2',
      });
    });
  });

  it('truncates on characters, never inside a surrogate pair, and trims the cut end', () => {
    expect(truncateText('abc', 45)).toBe('abc');
    expect(truncateText('ab cd', 3)).toBe('ab');
    expect(truncateText('😀😀😀', 2)).toBe('😀😀');
  });
});
