import { validateOcpi } from '../common/validate-ocpi';
import {
  ActiveChargingProfileDto,
  ActiveChargingProfileResultDto,
  ChargingProfileDto,
  ChargingProfileResponseDto,
  ChargingProfileResultDto,
  ClearProfileResultDto,
  SetChargingProfileDto,
} from './charging-profile.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies broken on purpose
type Json = Record<string, any>;

function aProfile(): Json {
  return {
    start_date_time: '2026-11-22T10:00:00Z',
    duration: 3600,
    charging_rate_unit: 'W',
    min_charging_rate: 1400,
    charging_profile_period: [
      { start_period: 0, limit: 11000 },
      { start_period: 1800, limit: 7400.5 },
    ],
  };
}

function expectOnly(violations: string[], path: string): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
}

describe('OCPI 2.2.1 ChargingProfile objects', () => {
  it('Given a profile with one-decimal limits, When validated, Then it passes', () => {
    expect(validateOcpi(ChargingProfileDto, aProfile()).violations).toEqual([]);
  });

  it('Given a relative profile with only the unit, When validated, Then it passes', () => {
    expect(
      validateOcpi(ChargingProfileDto, {
        charging_rate_unit: 'A',
        start_date_time: null,
        charging_profile_period: [],
      }).violations,
    ).toEqual([]);
  });

  it.each<[string, string, (p: Json) => void]>([
    [
      'a limit with two decimals',
      'charging_profile_period[1].limit',
      (p) => (p.charging_profile_period[1].limit = 16.25),
    ],
    [
      'a limit as a string',
      'charging_profile_period[0].limit',
      (p) => (p.charging_profile_period[0].limit = '16'),
    ],
    [
      'a negative start_period',
      'charging_profile_period[0].start_period',
      (p) => (p.charging_profile_period[0].start_period = -1),
    ],
    [
      'a fractional start_period',
      'charging_profile_period[0].start_period',
      (p) => (p.charging_profile_period[0].start_period = 0.5),
    ],
    ['unit kW', 'charging_rate_unit', (p) => (p.charging_rate_unit = 'kW')],
    ['no unit', 'charging_rate_unit', (p) => delete p.charging_rate_unit],
    ['a fractional duration', 'duration', (p) => (p.duration = 60.5)],
    [
      'a non-UTC start',
      'start_date_time',
      (p) => (p.start_date_time = '2026-11-22T10:00:00+01:00'),
    ],
  ])('Given a profile with %s, When validated, Then %s is named', (_what, path, change) => {
    const profile = aProfile();
    change(profile);
    expectOnly(validateOcpi(ChargingProfileDto, profile).violations, path);
  });

  it('Given a SetChargingProfile, When validated, Then the nested profile is checked too', () => {
    const body = { charging_profile: aProfile(), response_url: 'https://emsp.example.com/cp/1' };
    expect(validateOcpi(SetChargingProfileDto, body).violations).toEqual([]);
    expectOnly(
      validateOcpi(SetChargingProfileDto, { charging_profile: aProfile() }).violations,
      'response_url',
    );
    body.charging_profile.charging_profile_period[0].limit = 1.05;
    expectOnly(
      validateOcpi(SetChargingProfileDto, body).violations,
      'charging_profile.charging_profile_period[0].limit',
    );
  });

  it('Given an ActiveChargingProfile without start_date_time, When validated, Then start_date_time is named', () => {
    expect(
      validateOcpi(ActiveChargingProfileDto, {
        start_date_time: '2026-11-22T10:00:00Z',
        charging_profile: aProfile(),
      }).violations,
    ).toEqual([]);
    expectOnly(
      validateOcpi(ActiveChargingProfileDto, { charging_profile: aProfile() }).violations,
      'start_date_time',
    );
  });

  it('Given the results and the response, When validated, Then spec values pass and others are named', () => {
    const active = { start_date_time: '2026-11-22T10:00:00Z', charging_profile: aProfile() };
    expect(
      validateOcpi(ActiveChargingProfileResultDto, { result: 'ACCEPTED', profile: active })
        .violations,
    ).toEqual([]);
    expect(validateOcpi(ActiveChargingProfileResultDto, { result: 'UNKNOWN' }).violations).toEqual(
      [],
    );
    expect(validateOcpi(ChargingProfileResultDto, { result: 'REJECTED' }).violations).toEqual([]);
    expect(validateOcpi(ClearProfileResultDto, { result: 'ACCEPTED' }).violations).toEqual([]);
    expect(
      validateOcpi(ChargingProfileResponseDto, { result: 'TOO_OFTEN', timeout: 10 }).violations,
    ).toEqual([]);
    expectOnly(
      validateOcpi(ChargingProfileResultDto, { result: 'TOO_OFTEN' }).violations,
      'result',
    );
    expectOnly(
      validateOcpi(ChargingProfileResponseDto, { result: 'ACCEPTED' }).violations,
      'timeout',
    );
    expectOnly(
      validateOcpi(ActiveChargingProfileResultDto, {
        result: 'ACCEPTED',
        profile: { charging_profile: aProfile() },
      }).violations,
      'profile.start_date_time',
    );
  });
});
