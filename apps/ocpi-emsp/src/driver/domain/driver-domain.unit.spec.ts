import { contractIdFor, isValidMod3736, mod3736CheckCharacter } from './contract-id';
import { boundingBox, distanceMetres } from './geo';
import { connectorPowerKw, matchLocation, type StoredLocation } from './location-search';
import { toDriverSessionView } from './session-view';

describe('contract ids (ADR 0072)', () => {
  it('given our party and an instance, when formatted, then eMAID shape with a verifying check character', () => {
    const id = contractIdFor({ countryCode: 'NL', partyId: 'VLT' }, 42);
    expect(id).toMatch(/^NL-VLT-C00000042-[0-9A-Z]$/);
    expect(isValidMod3736(id.replace(/-/g, ''))).toBe(true);
    expect(id.length).toBeLessThanOrEqual(36);
  });

  it('given one changed character, when checked, then the check character no longer verifies', () => {
    const id = contractIdFor({ countryCode: 'NL', partyId: 'VLT' }, 12345678).replace(/-/g, '');
    const tampered = id.replace('12345678', '12345679');
    expect(isValidMod3736(tampered)).toBe(false);
    // ISO 7064 MOD 37,36 worked example is stable
    expect(mod3736CheckCharacter('NLVLTC00000001')).toBe(mod3736CheckCharacter('nlvltc00000001'));
  });

  it('given an instance outside 8 digits, when formatted, then it refuses', () => {
    expect(() => contractIdFor({ countryCode: 'NL', partyId: 'VLT' }, 100_000_000)).toThrow();
  });
});

describe('geo', () => {
  it('given Amsterdam and Utrecht, when measured, then about 35 km apart', () => {
    const d = distanceMetres({ lat: 52.3702, lon: 4.8952 }, { lat: 52.0907, lon: 5.1214 });
    expect(d).toBeGreaterThan(34_000);
    expect(d).toBeLessThan(36_000);
  });

  it('given a radius, when boxed, then every point at that distance lies inside the box', () => {
    const centre = { lat: 52.37, lon: 4.89 };
    const box = boundingBox(centre, 2_000);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      const lat = centre.lat + ((1_999 * Math.cos(rad)) / 6_371_008.8) * (180 / Math.PI);
      const lon =
        centre.lon +
        ((1_999 * Math.sin(rad)) / (6_371_008.8 * Math.cos((lat * Math.PI) / 180))) *
          (180 / Math.PI);
      expect(lat).toBeGreaterThanOrEqual(box.minLat);
      expect(lat).toBeLessThanOrEqual(box.maxLat);
      expect(lon).toBeGreaterThanOrEqual(box.minLon);
      expect(lon).toBeLessThanOrEqual(box.maxLon);
    }
    expect(boundingBox({ lat: 89.99, lon: 0 }, 5_000)).toMatchObject({ minLon: -180, maxLon: 180 });
  });
});

describe('location matching', () => {
  const location = (): StoredLocation => ({
    id: 'LOC1',
    country_code: 'BE',
    party_id: 'CPO',
    name: 'Station',
    coordinates: { latitude: '52.370200', longitude: '4.895200' },
    evses: [
      {
        uid: 'E1',
        status: 'AVAILABLE',
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2',
            power_type: 'AC_3_PHASE',
            max_voltage: 230,
            max_amperage: 32,
          },
        ],
      },
      {
        uid: 'E2',
        status: 'CHARGING',
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2_COMBO',
            power_type: 'DC',
            max_voltage: 500,
            max_amperage: 300,
            max_electric_power: 150_000,
          },
        ],
      },
      {
        uid: 'E3',
        status: 'REMOVED',
        connectors: [{ id: '1', standard: 'IEC_62196_T2', max_voltage: 230, max_amperage: 16 }],
      },
    ],
  });
  const near = { centre: { lat: 52.3702, lon: 4.8952 }, radiusM: 1000, availableNow: false };

  it('given connectors, when powered, then max_electric_power wins, else V×A(×√3)', () => {
    expect(connectorPowerKw({ id: '1', standard: 'X', max_electric_power: 150_000 })).toBe(150);
    expect(
      connectorPowerKw({
        id: '1',
        standard: 'X',
        power_type: 'AC_3_PHASE',
        max_voltage: 230,
        max_amperage: 32,
      }),
    ).toBe(12.7);
  });

  it('given no filter, when matched, then REMOVED EVSEs hidden and AVAILABLE counted', () => {
    const hit = matchLocation('p1', location(), near);
    expect(hit?.availability).toEqual({ evses: 2, available: 1 });
    expect(hit?.distance_m).toBe(0);
  });

  it('given a connector type / power filter, when matched, then only matching connectors count', () => {
    const dc = matchLocation('p1', location(), { ...near, minPowerKw: 50 });
    expect(dc?.evses.map((e) => e.uid)).toEqual(['E2']);
    expect(dc?.availability).toEqual({ evses: 1, available: 0 });
    expect(
      matchLocation('p1', location(), { ...near, minPowerKw: 50, availableNow: true }),
    ).toBeNull();
    const t2 = matchLocation('p1', location(), { ...near, connectorType: 'IEC_62196_T2' });
    expect(t2?.evses.map((e) => e.uid)).toEqual(['E1']);
  });

  it('given a location outside the radius or unpublished, when matched, then null', () => {
    expect(
      matchLocation('p1', location(), { ...near, centre: { lat: 52.4, lon: 4.9 } }),
    ).toBeNull();
    expect(matchLocation('p1', { ...location(), publish: false }, near)).toBeNull();
  });
});

describe('driver session view', () => {
  it('given a running session, when viewed, then duration runs to now and cost is as reported', () => {
    const view = toDriverSessionView(
      {
        id: 'S1',
        country_code: 'BE',
        party_id: 'CPO',
        start_date_time: '2026-01-01T10:00:00Z',
        kwh: 7.5,
        cdr_token: { uid: 'U', type: 'APP_USER', contract_id: 'C' },
        location_id: 'L',
        evse_uid: 'E',
        connector_id: '1',
        currency: 'EUR',
        total_cost: { excl_vat: 3.2, incl_vat: 3.87 },
        status: 'ACTIVE',
        last_updated: '2026-01-01T10:30:00Z',
      },
      new Date('2026-01-01T10:45:00Z'),
    );
    expect(view).toMatchObject({
      duration_seconds: 2700,
      kwh: 7.5,
      cost_so_far: { excl_vat: 3.2, incl_vat: 3.87 },
      end_date_time: null,
    });
  });
});
