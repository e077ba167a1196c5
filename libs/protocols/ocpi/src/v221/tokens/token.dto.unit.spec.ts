import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOcpi } from '../common/validate-ocpi';
import {
  AuthorizationInfoDto,
  EnergyContractDto,
  LocationReferencesDto,
  TokenDto,
  TokenPatchDto,
} from './token.dto';

/** Verbatim copies of the spec's token examples (see fixtures/spec-examples/README.md). */
const SPEC_EXAMPLES = join(__dirname, 'fixtures', 'spec-examples');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures broken on purpose
type Json = Record<string, any>;

function specExample(file: string): Json {
  return JSON.parse(readFileSync(join(SPEC_EXAMPLES, file), 'utf8')) as Json;
}

function aToken(): Json {
  return specExample('token_example_2_full_rfid.json');
}

function expectOnly(violations: string[], path: string): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
}

describe('OCPI 2.2.1 Token DTOs: the spec examples', () => {
  it('finds the spec example files', () => {
    expect(readdirSync(SPEC_EXAMPLES).filter((f) => f.endsWith('.json'))).toHaveLength(6);
  });

  it.each([
    'token_example_1_app_user.json',
    'token_example_2_full_rfid.json',
    'token_put_example.json',
  ])('Given the spec example %s, When validated as a Token, Then it passes', (file) => {
    const result = validateOcpi(TokenDto, specExample(file));
    expect(result.violations).toEqual([]);
    expect(result.value).toBeInstanceOf(TokenDto);
  });

  it('Given the full RFID example, When validated, Then its energy contract is an EnergyContractDto', () => {
    expect(validateOcpi(TokenDto, aToken()).value?.energy_contract).toBeInstanceOf(
      EnergyContractDto,
    );
  });

  it('Given token_patch_example.json, When validated as a Token PATCH, Then it passes', () => {
    expect(validateOcpi(TokenPatchDto, specExample('token_patch_example.json')).violations).toEqual(
      [],
    );
  });

  it('Given the GET Token responses of transport_and_format, When their data is validated, Then every Token passes', () => {
    const single = specExample('transport_and_format_get_token_example.json');
    expect(validateOcpi(TokenDto, single.data).violations).toEqual([]);
    const list = specExample('transport_and_format_get_token_list_example.json');
    expect(list.data).toHaveLength(3);
    for (const token of list.data as Json[]) {
      expect(validateOcpi(TokenDto, token).violations).toEqual([]);
    }
  });
});

describe('OCPI 2.2.1 Token DTO: field rules', () => {
  const broken: [string, (t: Json) => void, string][] = [
    ['missing uid', (t) => delete t.uid, 'uid'],
    ['uid longer than 36', (t) => (t.uid = 'u'.repeat(37)), 'uid'],
    ['non-ASCII uid', (t) => (t.uid = 'Ünïcode'), 'uid'],
    ['unknown type', (t) => (t.type = 'CARD'), 'type'],
    ['type null', (t) => (t.type = null), 'type'],
    ['contract_id missing', (t) => delete t.contract_id, 'contract_id'],
    ['contract_id longer than 36', (t) => (t.contract_id = 'c'.repeat(37)), 'contract_id'],
    ['visual_number longer than 64', (t) => (t.visual_number = 'v'.repeat(65)), 'visual_number'],
    ['issuer missing', (t) => delete t.issuer, 'issuer'],
    ['issuer longer than 64', (t) => (t.issuer = 'i'.repeat(65)), 'issuer'],
    ['group_id longer than 36', (t) => (t.group_id = 'g'.repeat(37)), 'group_id'],
    ['valid as a string', (t) => (t.valid = 'true'), 'valid'],
    ['unknown whitelist', (t) => (t.whitelist = 'SOMETIMES'), 'whitelist'],
    ['3-letter language', (t) => (t.language = 'ita'), 'language'],
    [
      'unknown default_profile_type',
      (t) => (t.default_profile_type = 'ECO'),
      'default_profile_type',
    ],
    [
      'energy contract without supplier',
      (t) => (t.energy_contract = { contract_id: '1' }),
      'energy_contract.supplier_name',
    ],
    ['country_code with digits', (t) => (t.country_code = 'D1'), 'country_code'],
    ['party_id of 2 chars', (t) => (t.party_id = 'TN'), 'party_id'],
    [
      'last_updated with an offset',
      (t) => (t.last_updated = '2018-12-10T17:25:10+01:00'),
      'last_updated',
    ],
    ['last_updated missing', (t) => delete t.last_updated, 'last_updated'],
  ];

  it.each(broken.map(([what, breakIt, path]) => [what, path, breakIt] as const))(
    'Given a token with %s, When validated, Then %s is named',
    (_what, path, breakIt) => {
      const token = aToken();
      breakIt(token);
      expectOnly(validateOcpi(TokenDto, token).violations, path);
    },
  );

  it('Given optional fields null or omitted, When validated, Then the token passes', () => {
    const token = aToken();
    Object.assign(token, {
      visual_number: null,
      group_id: null,
      language: null,
      default_profile_type: null,
      energy_contract: null,
    });
    expect(validateOcpi(TokenDto, token).violations).toEqual([]);
    expect(validateOcpi(TokenDto, specExample('token_example_1_app_user.json')).ok).toBe(true);
  });

  it('Given a Token PATCH without last_updated, When validated, Then last_updated is named', () => {
    expectOnly(validateOcpi(TokenPatchDto, { valid: false }).violations, 'last_updated');
  });

  it('Given a Token PATCH with a wrong whitelist, When validated, Then whitelist is named', () => {
    expectOnly(
      validateOcpi(TokenPatchDto, { whitelist: 'X', last_updated: '2019-06-19T02:11:11Z' })
        .violations,
      'whitelist',
    );
  });
});

describe('OCPI 2.2.1 real-time authorization objects', () => {
  it('Given an AuthorizationInfo with a full token and location, When validated, Then it passes', () => {
    const info = {
      allowed: 'ALLOWED',
      token: aToken(),
      location: { location_id: 'LOC1', evse_uids: ['3256', '3257'] },
      authorization_reference: 'AUTH-1',
      info: { language: 'en', text: 'Welcome' },
    };
    const result = validateOcpi(AuthorizationInfoDto, info);
    expect(result.violations).toEqual([]);
    expect(result.value?.token).toBeInstanceOf(TokenDto);
  });

  it.each<[string, string, Json]>([
    ['an unknown allowed value', 'allowed', { allowed: 'OK' }],
    ['no token', 'token', { token: undefined }],
    ['a token without issuer', 'token.issuer', { token: { ...aToken(), issuer: undefined } }],
    ['a location without id', 'location.location_id', { location: { evse_uids: [] } }],
    [
      'an authorization_reference over 36',
      'authorization_reference',
      { authorization_reference: 'a'.repeat(37) },
    ],
  ])(
    'Given an AuthorizationInfo with %s, When validated, Then %s is named',
    (_what, path, change) => {
      const info = { allowed: 'BLOCKED', token: aToken(), ...change };
      expectOnly(validateOcpi(AuthorizationInfoDto, info).violations, path);
    },
  );

  it('Given LocationReferences with an EVSE uid over 36, When validated, Then evse_uids is named', () => {
    expectOnly(
      validateOcpi(LocationReferencesDto, { location_id: 'L', evse_uids: ['e'.repeat(37)] })
        .violations,
      'evse_uids',
    );
    expect(validateOcpi(LocationReferencesDto, { location_id: 'L', evse_uids: null }).ok).toBe(
      true,
    );
  });
});
