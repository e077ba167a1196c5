import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnergyMixDto } from '../common/energy-mix.dto';
import { validateOcpi } from '../common/validate-ocpi';
import { HoursDto } from './hours.dto';
import { ConnectorPatchDto, EvsePatchDto, LocationPatchDto } from './location-patch.dto';
import { ConnectorDto, EvseDto, LocationDto } from './location.dto';

/** Verbatim copies of the spec's examples/location*.json (see fixtures/spec-examples/README.md). */
const SPEC_EXAMPLES = join(__dirname, 'fixtures', 'spec-examples');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures broken on purpose
type Json = Record<string, any>;

function specExample(file: string): Json {
  return JSON.parse(readFileSync(join(SPEC_EXAMPLES, file), 'utf8')) as Json;
}

/** The spec's public charging location (2 EVSEs, 3 connectors), to be broken field by field. */
function aLocation(): Json {
  return specExample('location_example.json');
}

function violationsOf(location: unknown): string[] {
  return validateOcpi(LocationDto, location).violations;
}

/** Every violation is about `path` (and there is at least one). */
function expectOnly(violations: string[], path: string): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
}

describe('OCPI 2.2.1 Location DTOs: the spec examples', () => {
  const files = readdirSync(SPEC_EXAMPLES).filter((f) => f.endsWith('.json'));
  const kinds: Record<string, (json: Json) => string[]> = {
    location_example: (j) => validateOcpi(LocationDto, j).violations,
    location_energymix_example: (j) => validateOcpi(EnergyMixDto, j.energy_mix).violations,
    location_hours_: (j) => validateOcpi(HoursDto, j).violations,
    location_regularhours_example: (j) => validateOcpi(HoursDto, j.opening_times).violations,
  };
  const patches: Record<string, new () => object> = {
    'location_patch_example_location.json': LocationPatchDto,
    'location_patch_example_remove_evse.json': EvsePatchDto,
    'location_patch_example_status.json': EvsePatchDto,
    'location_patch_example_tariff.json': ConnectorPatchDto,
  };

  it('finds the spec example files', () => {
    expect(files).toHaveLength(18);
  });

  it.each(files.filter((f) => f !== 'location_put_example_add_evse.json'))(
    'Given the spec example %s, When validated as its object, Then it passes',
    (file) => {
      const json = specExample(file);
      const patchClass = patches[file];
      const prefix = Object.keys(kinds).find((k) => file.startsWith(k));
      const violations = patchClass
        ? validateOcpi(patchClass, json).violations
        : kinds[prefix as string](json);
      expect(violations).toEqual([]);
    },
  );

  it('Given location_put_example_add_evse.json, When validated as an EVSE, Then exactly the documented defects are named', () => {
    const violations = validateOcpi(
      EvseDto,
      specExample('location_put_example_add_evse.json'),
    ).violations;
    const fields = new Set(violations.map((v) => v.slice(0, v.indexOf(':'))));
    expect([...fields].sort()).toEqual([
      'connectors[0].last_updated',
      'connectors[0].max_amperage',
      'connectors[0].max_voltage',
      'connectors[0].power_type',
      'physical_reference',
    ]);
    expect(violations).toContain('physical_reference: must be a string');
  });

  it('Given a valid location, When validated, Then the value is a LocationDto with nested instances', () => {
    const result = validateOcpi(LocationDto, aLocation());
    expect(result.ok).toBe(true);
    expect(result.value).toBeInstanceOf(LocationDto);
    expect(result.value?.evses?.[0]).toBeInstanceOf(EvseDto);
    expect(result.value?.evses?.[0].connectors[0]).toBeInstanceOf(ConnectorDto);
  });
});

describe('OCPI 2.2.1 Location DTO: field rules', () => {
  type Breaker = [string, (l: Json) => void, string];
  const broken: Breaker[] = [
    ['missing country_code', (l) => delete l.country_code, 'country_code'],
    ['3-letter country_code', (l) => (l.country_code = 'BEL'), 'country_code'],
    ['party_id too long', (l) => (l.party_id = 'BECX'), 'party_id'],
    ['id longer than 36', (l) => (l.id = 'L'.repeat(37)), 'id'],
    ['non-ASCII id', (l) => (l.id = 'LOC-é'), 'id'],
    ['empty id', (l) => (l.id = ''), 'id'],
    ['publish missing', (l) => delete l.publish, 'publish'],
    ['publish as a string', (l) => (l.publish = 'true'), 'publish'],
    [
      'publish_allowed_to while published',
      (l) => (l.publish_allowed_to = [{ group_id: 'G1' }]),
      'publish_allowed_to',
    ],
    [
      'publish token without uid, visual_number or group_id',
      (l) => ((l.publish = false), (l.publish_allowed_to = [{ issuer: 'X' }])),
      'publish_allowed_to[0].uid',
    ],
    [
      'publish token uid without type',
      (l) => ((l.publish = false), (l.publish_allowed_to = [{ uid: '0123' }])),
      'publish_allowed_to[0].type',
    ],
    [
      'publish token visual_number without issuer',
      (l) => ((l.publish = false), (l.publish_allowed_to = [{ visual_number: '12-3' }])),
      'publish_allowed_to[0].issuer',
    ],
    [
      'publish token with a wrong type',
      (l) => ((l.publish = false), (l.publish_allowed_to = [{ uid: '1', type: 'CARD' }])),
      'publish_allowed_to[0].type',
    ],
    ['name longer than 255', (l) => (l.name = 'n'.repeat(256)), 'name'],
    ['address longer than 255', (l) => (l.address = 'a'.repeat(256)), 'address'],
    ['address with a line feed', (l) => (l.address = 'Main St 1\nBack door'), 'address'],
    ['address null', (l) => (l.address = null), 'address'],
    ['city longer than 45', (l) => (l.city = 'c'.repeat(46)), 'city'],
    ['postal_code longer than 10', (l) => (l.postal_code = '12345678901'), 'postal_code'],
    ['state longer than 45', (l) => (l.state = 's'.repeat(46)), 'state'],
    ['alpha-2 country', (l) => (l.country = 'BE'), 'country'],
    ['lower-case country', (l) => (l.country = 'bel'), 'country'],
    ['coordinates missing', (l) => delete l.coordinates, 'coordinates'],
    ['latitude as a number', (l) => (l.coordinates.latitude = 51.047599), 'coordinates.latitude'],
    [
      'latitude with 4 decimals',
      (l) => (l.coordinates.latitude = '51.0475'),
      'coordinates.latitude',
    ],
    ['latitude beyond 90', (l) => (l.coordinates.latitude = '91.000000'), 'coordinates.latitude'],
    [
      'latitude with 3 digits',
      (l) => (l.coordinates.latitude = '151.00000'),
      'coordinates.latitude',
    ],
    [
      'longitude beyond 180',
      (l) => (l.coordinates.longitude = '-181.000000'),
      'coordinates.longitude',
    ],
    [
      'longitude with a comma',
      (l) => (l.coordinates.longitude = '3,729944'),
      'coordinates.longitude',
    ],
    [
      'related location with a bad latitude',
      (l) => (l.related_locations = [{ latitude: '1.1', longitude: '3.72994' }]),
      'related_locations[0].latitude',
    ],
    ['unknown parking_type', (l) => (l.parking_type = 'GARAGE'), 'parking_type'],
    ['unknown EVSE status', (l) => (l.evses[0].status = 'FREE'), 'evses[0].status'],
    ['EVSE without connectors', (l) => (l.evses[0].connectors = []), 'evses[0].connectors'],
    ['EVSE connectors missing', (l) => delete l.evses[0].connectors, 'evses[0].connectors'],
    ['EVSE last_updated missing', (l) => delete l.evses[1].last_updated, 'evses[1].last_updated'],
    ['EVSE uid repeated', (l) => (l.evses[1].uid = '3256'), 'evses'],
    ['evse_id longer than 48', (l) => (l.evses[0].evse_id = 'E'.repeat(49)), 'evses[0].evse_id'],
    ['unknown capability', (l) => (l.evses[0].capabilities = ['FAST']), 'evses[0].capabilities'],
    [
      'connector id repeated in an EVSE',
      (l) => (l.evses[0].connectors[1].id = '1'),
      'evses[0].connectors',
    ],
    [
      'unknown connector standard',
      (l) => (l.evses[0].connectors[0].standard = 'TYPE2'),
      'evses[0].connectors[0].standard',
    ],
    [
      'unknown connector format',
      (l) => (l.evses[0].connectors[0].format = 'PLUG'),
      'evses[0].connectors[0].format',
    ],
    [
      'max_voltage not an int',
      (l) => (l.evses[0].connectors[0].max_voltage = 230.5),
      'evses[0].connectors[0].max_voltage',
    ],
    [
      'max_electric_power as a string',
      (l) => (l.evses[0].connectors[0].max_electric_power = '22000'),
      'evses[0].connectors[0].max_electric_power',
    ],
    [
      'tariff id longer than 36',
      (l) => (l.evses[0].connectors[0].tariff_ids = ['t'.repeat(37)]),
      'evses[0].connectors[0].tariff_ids',
    ],
    [
      'terms_and_conditions not a URL',
      (l) => (l.evses[0].connectors[0].terms_and_conditions = 'see our site'),
      'evses[0].connectors[0].terms_and_conditions',
    ],
    [
      'physical_reference longer than 16',
      (l) => (l.evses[0].physical_reference = 'p'.repeat(17)),
      'evses[0].physical_reference',
    ],
    [
      'floor_level longer than 4',
      (l) => (l.evses[0].floor_level = '-1234'),
      'evses[0].floor_level',
    ],
    [
      'status schedule with a non-UTC date',
      (l) =>
        (l.evses[0].status_schedule = [
          { period_begin: '2026-01-01T10:00:00+01:00', status: 'PLANNED' },
        ]),
      'evses[0].status_schedule[0].period_begin',
    ],
    [
      'status schedule ending before it begins',
      (l) =>
        (l.evses[0].status_schedule = [
          {
            period_begin: '2026-01-02T00:00:00Z',
            period_end: '2026-01-01T00:00:00Z',
            status: 'PLANNED',
          },
        ]),
      'evses[0].status_schedule[0].period_end',
    ],
    ['unknown facility', (l) => (l.facilities = ['SPA']), 'facilities'],
    ['time_zone missing', (l) => delete l.time_zone, 'time_zone'],
    ['time_zone not IANA', (l) => (l.time_zone = 'Mars/Olympus_Mons'), 'time_zone'],
    ['time_zone as an offset', (l) => (l.time_zone = '+01:00'), 'time_zone'],
    [
      'not 24/7 without regular hours',
      (l) => (l.opening_times = { twentyfourseven: false }),
      'opening_times.regular_hours',
    ],
    [
      'not 24/7 with an empty regular hours list',
      (l) => (l.opening_times = { twentyfourseven: false, regular_hours: [] }),
      'opening_times.regular_hours',
    ],
    [
      '24/7 with regular hours',
      (l) =>
        (l.opening_times = {
          twentyfourseven: true,
          regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
        }),
      'opening_times.regular_hours',
    ],
    [
      'regular period ending before it begins',
      (l) =>
        (l.opening_times = {
          twentyfourseven: false,
          regular_hours: [{ weekday: 1, period_begin: '20:00', period_end: '08:00' }],
        }),
      'opening_times.regular_hours[0].period_end',
    ],
    [
      'regular period ending at 24:00',
      (l) =>
        (l.opening_times = {
          twentyfourseven: false,
          regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '24:00' }],
        }),
      'opening_times.regular_hours[0].period_end',
    ],
    [
      'weekday 8',
      (l) =>
        (l.opening_times = {
          twentyfourseven: false,
          regular_hours: [{ weekday: 8, period_begin: '08:00', period_end: '20:00' }],
        }),
      'opening_times.regular_hours[0].weekday',
    ],
    [
      'exceptional closing with a local-offset date',
      (l) =>
        (l.opening_times = {
          twentyfourseven: true,
          exceptional_closings: [
            { period_begin: '2018-12-25T03:00:00+01:00', period_end: '2018-12-25T05:00:00Z' },
          ],
        }),
      'opening_times.exceptional_closings[0].period_begin',
    ],
    ['twentyfourseven missing', (l) => (l.opening_times = {}), 'opening_times.twentyfourseven'],
    [
      'image with an unknown category',
      (l) => (l.images = [{ url: 'https://x.example/a.png', category: 'LOGO', type: 'png' }]),
      'images[0].category',
    ],
    [
      'image type longer than 4',
      (l) => (l.images = [{ url: 'https://x.example/a.png', category: 'OTHER', type: 'jpeg2' }]),
      'images[0].type',
    ],
    [
      'operator without a name',
      (l) => (l.operator = { website: 'https://x.example' }),
      'operator.name',
    ],
    [
      'operator logo with a bad url',
      (l) =>
        (l.operator = { name: 'Op', logo: { url: 'logo.png', category: 'OPERATOR', type: 'png' } }),
      'operator.logo.url',
    ],
    [
      'energy source above 100%',
      (l) =>
        (l.energy_mix = {
          is_green_energy: true,
          energy_sources: [{ source: 'SOLAR', percentage: 101 }],
        }),
      'energy_mix.energy_sources[0].percentage',
    ],
    [
      'directions text too long',
      (l) => (l.directions = [{ language: 'en', text: 'd'.repeat(513) }]),
      'directions[0].text',
    ],
    ['last_updated missing', (l) => delete l.last_updated, 'last_updated'],
    ['last_updated null', (l) => (l.last_updated = null), 'last_updated'],
    [
      'last_updated with an offset',
      (l) => (l.last_updated = '2015-06-29T22:39:09+02:00'),
      'last_updated',
    ],
    [
      'last_updated impossible date',
      (l) => (l.last_updated = '2015-02-30T10:00:00Z'),
      'last_updated',
    ],
  ];

  it.each(broken.map(([what, breakIt, path]) => [what, path, breakIt] as const))(
    'Given a location with %s, When validated, Then %s is named',
    (_what, path, breakIt) => {
      const location = aLocation();
      breakIt(location);
      expectOnly(violationsOf(location), path);
    },
  );

  it.each<[string, (l: Json) => void]>([
    ['optional strings null', (l) => ((l.name = null), (l.postal_code = null), (l.state = null))],
    ['optional strings omitted', (l) => (delete l.name, delete l.postal_code)],
    ['evses null', (l) => (l.evses = null)],
    ['evses []', (l) => (l.evses = [])],
    ['evses omitted', (l) => delete l.evses],
    ['publish_allowed_to null while published', (l) => (l.publish_allowed_to = null)],
    ['publish_allowed_to [] while published', (l) => (l.publish_allowed_to = [])],
    [
      'opening_times / energy_mix / operator null',
      (l) => ((l.opening_times = null), (l.energy_mix = null), (l.operator = null)),
    ],
    [
      'connector optional fields null',
      (l) => (
        (l.evses[0].connectors[0].tariff_ids = null),
        (l.evses[0].connectors[0].max_electric_power = null)
      ),
    ],
    [
      'EVSE evse_id null (REMOVED)',
      (l) => ((l.evses[0].status = 'REMOVED'), (l.evses[0].evse_id = null)),
    ],
    ['address of exactly 255', (l) => (l.address = 'a'.repeat(255))],
    ['DateTime without Z and with fractions', (l) => (l.last_updated = '2015-06-29T20:39:09.123')],
    [
      'lower-case country_code and party_id (CiString)',
      (l) => ((l.country_code = 'be'), (l.party_id = 'bec')),
    ],
    [
      '7-decimal coordinates',
      (l) => (l.coordinates = { latitude: '-9.1234567', longitude: '-179.1234567' }),
    ],
    [
      'not published with a uid token',
      (l) => ((l.publish = false), (l.publish_allowed_to = [{ uid: 'ABC', type: 'RFID' }])),
    ],
  ])('Given a location with %s, When validated, Then it passes', (_what, change) => {
    const location = aLocation();
    change(location);
    expect(violationsOf(location)).toEqual([]);
  });
});

describe('OCPI 2.2.1 Location PATCH DTOs', () => {
  it('Given a Location PATCH without last_updated, When validated, Then last_updated is named', () => {
    expectOnly(validateOcpi(LocationPatchDto, { name: 'Gent' }).violations, 'last_updated');
  });

  it('Given an EVSE PATCH without last_updated, When validated, Then last_updated is named', () => {
    expectOnly(validateOcpi(EvsePatchDto, { status: 'CHARGING' }).violations, 'last_updated');
  });

  it('Given a Connector PATCH with last_updated null, When validated, Then last_updated is named', () => {
    expectOnly(
      validateOcpi(ConnectorPatchDto, { tariff_ids: ['1'], last_updated: null }).violations,
      'last_updated',
    );
  });

  it('Given a PATCH with only last_updated, When validated, Then it passes', () => {
    for (const cls of [LocationPatchDto, EvsePatchDto, ConnectorPatchDto]) {
      expect(validateOcpi(cls, { last_updated: '2019-06-24T12:39:09Z' }).violations).toEqual([]);
    }
  });

  it.each<[string, string, new () => object, Json]>([
    ['an unknown EVSE status', 'status', EvsePatchDto, { status: 'BUSY' }],
    [
      'a bad coordinate',
      'coordinates.latitude',
      LocationPatchDto,
      { coordinates: { latitude: '1', longitude: '3.72994' } },
    ],
    ['an address too long', 'address', LocationPatchDto, { address: 'a'.repeat(256) }],
    [
      'evses without uid',
      'evses',
      LocationPatchDto,
      { evses: [{ status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' }] },
    ],
    [
      'connectors without id',
      'connectors',
      EvsePatchDto,
      { connectors: [{ standard: 'CHADEMO', last_updated: '2019-06-24T12:39:09Z' }] },
    ],
    [
      'nested EVSE patch without last_updated',
      'evses[0].last_updated',
      LocationPatchDto,
      { evses: [{ uid: '3256', status: 'CHARGING' }] },
    ],
    ['a float max_amperage', 'max_amperage', ConnectorPatchDto, { max_amperage: 16.5 }],
    [
      'a non-UTC last_updated',
      'last_updated',
      ConnectorPatchDto,
      { last_updated: '2019-06-24T12:39:09+00:00' },
    ],
  ])('Given a PATCH with %s, When validated, Then %s is named', (_what, path, cls, body) => {
    expectOnly(
      validateOcpi(cls, { last_updated: '2019-06-24T12:39:09Z', ...body }).violations,
      path,
    );
  });

  it('Given a PATCH with an optional field null, When validated, Then it passes', () => {
    expect(
      validateOcpi(LocationPatchDto, {
        name: null,
        evses: null,
        last_updated: '2019-06-24T12:39:09Z',
      }).violations,
    ).toEqual([]);
  });
});
