import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOcpi } from '../common/validate-ocpi';
import {
  ChargingPreferencesDto,
  ChargingPreferencesResponse,
  ProfileType,
} from './charging-preferences.dto';
import { SessionPatchDto } from './session-patch.dto';

describe('OCPI 2.2.1 ChargingPreferences', () => {
  it('Given full preferences, When validated, Then they pass', () => {
    const result = validateOcpi(ChargingPreferencesDto, {
      profile_type: 'FAST',
      departure_time: '2026-11-22T18:00:00Z',
      energy_need: 32.5,
      discharge_allowed: false,
    });
    expect(result.violations).toEqual([]);
    expect(result.value?.profile_type).toBe(ProfileType.FAST);
  });

  it('Given only profile_type and nulls, When validated, Then they pass', () => {
    expect(
      validateOcpi(ChargingPreferencesDto, {
        profile_type: 'REGULAR',
        departure_time: null,
        energy_need: null,
      }).violations,
    ).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['no profile_type', 'profile_type', {}],
    ['an unknown profile_type', 'profile_type', { profile_type: 'ECO' }],
    [
      'a non-UTC departure_time',
      'departure_time',
      { profile_type: 'CHEAP', departure_time: '2026-11-22T18:00:00+01:00' },
    ],
    ['a negative energy_need', 'energy_need', { profile_type: 'GREEN', energy_need: -1 }],
    [
      'discharge_allowed as a string',
      'discharge_allowed',
      { profile_type: 'GREEN', discharge_allowed: 'no' },
    ],
  ])('Given preferences with %s, When validated, Then %s is named', (_what, path, body) => {
    const violations = validateOcpi(ChargingPreferencesDto, body).violations;
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
  });

  it('has the spec ChargingPreferencesResponse values', () => {
    expect(Object.values(ChargingPreferencesResponse).sort()).toEqual([
      'ACCEPTED',
      'DEPARTURE_REQUIRED',
      'ENERGY_NEED_REQUIRED',
      'NOT_POSSIBLE',
      'PROFILE_TYPE_NOT_SUPPORTED',
    ]);
  });
});

describe('OCPI 2.2.1 Session PATCH', () => {
  const load = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(__dirname, 'fixtures', 'spec-examples', file), 'utf8')) as Record<
      string,
      unknown
    >;

  it.each(['session_patch_example_charging_period.json', 'session_patch_example_total_cost.json'])(
    'Given the spec example %s, When validated as a Session PATCH, Then it passes',
    (file) => {
      expect(validateOcpi(SessionPatchDto, load(file)).violations).toEqual([]);
    },
  );

  it.each<[string, string, Record<string, unknown>]>([
    ['no last_updated', 'last_updated', { kwh: 1, last_updated: undefined }],
    ['a non-UTC last_updated', 'last_updated', { last_updated: '2019-06-23T08:11:00+02:00' }],
    ['an unknown status', 'status', { status: 'STOPPED' }],
    ['a negative kwh', 'kwh', { kwh: -1 }],
    [
      'a period without dimensions',
      'charging_periods[0].dimensions',
      { charging_periods: [{ start_date_time: '2019-06-23T08:16:02Z', dimensions: [] }] },
    ],
  ])('Given a Session PATCH with %s, When validated, Then %s is named', (_what, path, body) => {
    const violations = validateOcpi(SessionPatchDto, {
      last_updated: '2019-06-23T08:11:00Z',
      ...body,
    }).violations;
    expect(violations.length).toBeGreaterThan(0);
    for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
  });
});
