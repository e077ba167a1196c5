import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorPatchDto, EvsePatchDto } from '../locations/location-patch.dto';
import type { EvseDto, LocationDto } from '../locations/location.dto';
import {
  applyConnectorPatch,
  applyEvsePatch,
  applyOcpiPatch,
  isNewer,
  OcpiPatchError,
  putConnector,
  putEvse,
} from './ocpi-patch';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures
type Json = Record<string, any>;

/** Verbatim spec examples stored next to each module's DTOs. */
function specExample(module: string, file: string): Json {
  const path = join(__dirname, '..', module, 'fixtures', 'spec-examples', file);
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

const aLocation = (): LocationDto =>
  specExample('locations', 'location_example.json') as unknown as LocationDto;
const evses = (location: LocationDto): EvseDto[] => location.evses ?? [];
const aSession = () => specExample('sessions', 'session_example_2_short_finished.json');

function thrown(fn: () => unknown): OcpiPatchError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OcpiPatchError) return error;
    throw error;
  }
  throw new Error('expected an OcpiPatchError');
}

describe('applyOcpiPatch', () => {
  it('Given a Location and the spec name PATCH, When applied, Then only name and last_updated change and the input is untouched', () => {
    const location = aLocation();
    const before = structuredClone(location);
    const patched = applyOcpiPatch(
      location,
      specExample('locations', 'location_patch_example_location.json'),
    );
    expect(patched).toEqual({
      ...before,
      name: 'Interparking Gent Zuid',
      last_updated: '2019-06-24T12:39:09Z',
    });
    expect(location).toEqual(before);
  });

  it('Given a Session, When the spec charging-period PATCH is applied, Then the periods are appended and the rest merged', () => {
    const session = aSession();
    const periodsBefore = session.charging_periods.length;
    const patch = specExample('sessions', 'session_patch_example_charging_period.json');
    const patched = applyOcpiPatch(session, patch);
    expect(patched.charging_periods).toHaveLength(periodsBefore + 1);
    expect(patched.charging_periods.slice(0, periodsBefore)).toEqual(session.charging_periods);
    expect(patched.charging_periods[periodsBefore]).toEqual(patch.charging_periods[0]);
    expect(patched.kwh).toBe(15);
    expect(patched.total_cost).toEqual({ excl_vat: 0.8, incl_vat: 0.88 });
    expect(patched.status).toBe(session.status);
  });

  it('Given a Session PATCH with an empty charging_periods list, When applied, Then the periods are kept', () => {
    const session = aSession();
    const patched = applyOcpiPatch(session, {
      charging_periods: [],
      last_updated: '2030-01-01T00:00:00Z',
    });
    expect(patched.charging_periods).toEqual(session.charging_periods);
  });

  it('Given the spec total_cost PATCH, When applied to a session without incl_vat, Then the nested object is merged', () => {
    const session = { ...aSession(), total_cost: { excl_vat: 0.4 } };
    const patched = applyOcpiPatch(
      session,
      specExample('sessions', 'session_patch_example_total_cost.json'),
    );
    expect(patched.total_cost).toEqual({ excl_vat: 0.6, incl_vat: 0.66 });
  });

  it('Given null and omitted fields in a PATCH, When applied, Then those fields stay unchanged', () => {
    const location = aLocation();
    const patched = applyOcpiPatch(location, {
      name: null,
      postal_code: undefined,
      last_updated: '2020-01-01T00:00:00Z',
    });
    expect(patched.name).toBe(location.name);
    expect(patched.postal_code).toBe(location.postal_code);
  });

  it('Given a Location PATCH with evses, When applied, Then EVSEs are patched by uid (case-insensitive) and new ones appended', () => {
    const location = aLocation();
    const patched = applyOcpiPatch(location, {
      evses: [
        { uid: '3257', status: 'AVAILABLE', last_updated: '2020-01-01T00:00:00Z' },
        { uid: 'NEW-1', status: 'PLANNED', connectors: [], last_updated: '2020-01-01T00:00:00Z' },
      ],
      last_updated: '2020-01-01T00:00:00Z',
    });
    expect(evses(patched)).toHaveLength(3);
    expect(evses(patched)[0]).toEqual(evses(location)[0]);
    expect(evses(patched)[1]).toEqual({
      ...evses(location)[1],
      status: 'AVAILABLE',
      last_updated: '2020-01-01T00:00:00Z',
    });
    expect(evses(patched)[2].uid).toBe('NEW-1');
  });

  it('Given an EVSE PATCH with connectors, When applied, Then connectors are patched by id', () => {
    const evse = evses(aLocation())[0];
    const patched = applyOcpiPatch(evse, {
      connectors: [{ id: '2', tariff_ids: ['15'], last_updated: '2020-01-01T00:00:00Z' }],
      last_updated: '2020-01-01T00:00:00Z',
    });
    expect(patched.connectors[0]).toEqual(evse.connectors[0]);
    expect(patched.connectors[1].tariff_ids).toEqual(['15']);
    expect(patched.connectors[1].standard).toBe(evse.connectors[1].standard);
  });

  it('Given a Token, When the spec token PATCH is applied, Then valid becomes false', () => {
    const token = specExample('tokens', 'token_example_2_full_rfid.json');
    const patched = applyOcpiPatch(token, specExample('tokens', 'token_patch_example.json'));
    expect(patched).toEqual({ ...token, valid: false, last_updated: '2019-06-19T02:11:11Z' });
  });

  it('Given a PATCH that changes an identifier, When applied, Then it throws identifier_changed naming the field', () => {
    const error = thrown(() =>
      applyOcpiPatch(aLocation(), { id: 'LOC2', last_updated: '2020-01-01T00:00:00Z' }),
    );
    expect(error.kind).toBe('identifier_changed');
    expect(error.field).toBe('id');
    expect(
      thrown(() => applyOcpiPatch(aLocation(), { country_code: 'NL', last_updated: 'x' })).field,
    ).toBe('country_code');
  });

  it('Given a PATCH repeating an identifier in another case, When applied, Then it is accepted unchanged', () => {
    const location = aLocation();
    expect(applyOcpiPatch(location, { id: 'loc1', party_id: 'bec' }).id).toBe('LOC1');
  });
});

describe('EVSE / Connector PATCH and PUT within a Location', () => {
  it('Given the spec status PATCH, When applied to EVSE 3256, Then its status changes and the Location last_updated follows', () => {
    const patch = specExample('locations', 'location_patch_example_status.json') as EvsePatchDto;
    const patched = applyEvsePatch(aLocation(), '3256', patch);
    expect(evses(patched)[0].status).toBe('CHARGING');
    expect(evses(patched)[0].last_updated).toBe(patch.last_updated);
    expect(patched.last_updated).toBe(patch.last_updated);
    expect(evses(patched)[1]).toEqual(evses(aLocation())[1]);
  });

  it('Given the spec tariff PATCH, When applied to connector 1 of EVSE 3256, Then the EVSE and Location last_updated follow', () => {
    const patch = specExample(
      'locations',
      'location_patch_example_tariff.json',
    ) as ConnectorPatchDto;
    const patched = applyConnectorPatch(aLocation(), '3256', '1', patch);
    expect(evses(patched)[0].connectors[0].tariff_ids).toEqual(['15']);
    expect(evses(patched)[0].connectors[0].last_updated).toBe(patch.last_updated);
    expect(evses(patched)[0].last_updated).toBe(patch.last_updated);
    expect(patched.last_updated).toBe(patch.last_updated);
  });

  it('Given a PATCH older than the parent, When applied, Then the parent last_updated never moves backwards', () => {
    const location = { ...aLocation(), last_updated: '2030-01-01T00:00:00Z' };
    const patched = applyEvsePatch(location, '3256', {
      status: 'CHARGING',
      last_updated: '2020-01-01T00:00:00Z',
    });
    expect(patched.last_updated).toBe('2030-01-01T00:00:00Z');
  });

  it('Given an unknown EVSE or connector, When patched, Then it throws unknown_object', () => {
    const patch = { status: 'CHARGING', last_updated: '2020-01-01T00:00:00Z' };
    expect(thrown(() => applyEvsePatch(aLocation(), 'NOPE', patch)).kind).toBe('unknown_object');
    expect(thrown(() => applyConnectorPatch(aLocation(), '3256', '9', patch)).field).toBe(
      'connector_id',
    );
  });

  it('Given a PUT of a new and an existing EVSE, When applied, Then it is added or replaced and the Location bumped', () => {
    const evse = specExample('locations', 'location_put_example_add_evse.json') as EvseDto;
    const added = putEvse(aLocation(), { ...evse, uid: 'NEW-1' });
    expect(evses(added)).toHaveLength(3);
    expect(added.last_updated).toBe(evse.last_updated);
    const replaced = putEvse(aLocation(), { ...evse, uid: '3257' });
    expect(evses(replaced)).toHaveLength(2);
    expect(evses(replaced)[1].evse_id).toBe(evse.evse_id);
  });

  it('Given a PUT of a connector, When applied, Then it replaces by id and bumps EVSE and Location', () => {
    const connector = {
      ...evses(aLocation())[0].connectors[0],
      max_amperage: 32,
      last_updated: '2021-01-01T00:00:00Z',
    };
    const patched = putConnector(aLocation(), '3256', connector);
    expect(evses(patched)[0].connectors).toHaveLength(2);
    expect(evses(patched)[0].connectors[0].max_amperage).toBe(32);
    expect(evses(patched)[0].last_updated).toBe('2021-01-01T00:00:00Z');
    expect(patched.last_updated).toBe('2021-01-01T00:00:00Z');
  });
});

describe('isNewer', () => {
  it.each<[string, string | null | undefined, boolean]>([
    ['2019-06-24T12:39:10Z', '2019-06-24T12:39:09Z', true],
    ['2019-06-24T12:39:09Z', '2019-06-24T12:39:09Z', false],
    ['2019-06-24T12:39:08Z', '2019-06-24T12:39:09Z', false],
    ['2019-06-24T12:39:09.001Z', '2019-06-24T12:39:09Z', true],
    ['2019-06-24T12:39:09', '2019-06-24T12:39:09.000Z', false],
    ['2019-06-24T12:39:10', '2019-06-24T12:39:09Z', true],
    ['2019-06-24T12:39:09Z', undefined, true],
    ['2019-06-24T12:39:09Z', null, true],
    ['not a date', '2019-06-24T12:39:09Z', false],
    ['2019-06-24T12:39:09Z', 'garbage', true],
  ])('isNewer(%s, %s) is %s', (incoming, stored, expected) => {
    expect(isNewer(incoming, stored)).toBe(expected);
  });
});
