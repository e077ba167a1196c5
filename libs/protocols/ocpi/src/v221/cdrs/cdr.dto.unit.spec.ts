import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOcpi } from '../common/validate-ocpi';
import { TariffDto } from '../tariffs/tariff.dto';
import { CDR_DIMENSION_TYPES, CdrDto, CdrLocationDto } from './cdr.dto';
import type { OcpiCdr } from './cdr.types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures broken on purpose
type Json = Record<string, any>;

/** Verbatim copy of the spec's examples/cdr_example.json (see fixtures/spec-examples/README.md). */
function aCdr(): Json {
  const file = join(__dirname, 'fixtures', 'spec-examples', 'cdr_example.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function violationsOf(cdr: unknown): string[] {
  return validateOcpi(CdrDto, cdr).violations;
}

function expectOnly(violations: string[], path: string): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
}

describe('OCPI 2.2.1 CDR DTO', () => {
  it('Given cdr_example.json, When validated, Then it passes with nested instances', () => {
    const result = validateOcpi(CdrDto, aCdr());
    expect(result.violations).toEqual([]);
    expect(result.value).toBeInstanceOf(CdrDto);
    expect(result.value?.cdr_location).toBeInstanceOf(CdrLocationDto);
    expect(result.value?.tariffs?.[0]).toBeInstanceOf(TariffDto);
  });

  it('Given a CDR shaped as the OcpiCdr interface cdr-billing builds, When validated, Then it passes', () => {
    const built: OcpiCdr = {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'CDR-0001',
      start_date_time: '2026-11-22T01:00:00.000Z',
      end_date_time: '2026-11-22T02:00:00.000Z',
      session_id: 'S-1',
      cdr_token: {
        country_code: 'DE',
        party_id: 'TNM',
        uid: '0123',
        type: 'RFID',
        contract_id: 'DE-TNM-1',
      },
      auth_method: 'AUTH_REQUEST',
      cdr_location: {
        id: 'LOC1',
        address: 'Main St 1',
        city: 'Utrecht',
        country: 'NLD',
        coordinates: { latitude: '52.09073', longitude: '5.12142' },
        evse_uid: 'E1',
        evse_id: 'NL*VLT*E1',
        connector_id: '1',
        connector_standard: 'IEC_62196_T2',
        connector_format: 'SOCKET',
        connector_power_type: 'AC_3_PHASE',
      },
      currency: 'EUR',
      charging_periods: [
        {
          start_date_time: '2026-11-22T01:00:00.000Z',
          dimensions: [{ type: 'ENERGY', volume: 10 }],
        },
      ],
      total_cost: { excl_vat: 2.5, incl_vat: 3.03 },
      total_energy: 10,
      total_time: 1,
      last_updated: '2026-11-22T02:00:01.000Z',
    };
    expect(violationsOf(built)).toEqual([]);
  });

  it('lists exactly the CDR dimension types (no Session-only ones)', () => {
    expect([...CDR_DIMENSION_TYPES].sort()).toEqual([
      'ENERGY',
      'MAX_CURRENT',
      'MAX_POWER',
      'MIN_CURRENT',
      'MIN_POWER',
      'PARKING_TIME',
      'RESERVATION_TIME',
      'TIME',
    ]);
  });

  const broken: [string, string, (c: Json) => void][] = [
    [
      'a Session-only STATE_OF_CHARGE dimension',
      'charging_periods[0].dimensions[0].type',
      (c) => (c.charging_periods[0].dimensions[0].type = 'STATE_OF_CHARGE'),
    ],
    [
      'a Session-only POWER dimension',
      'charging_periods[0].dimensions[0].type',
      (c) => (c.charging_periods[0].dimensions[0].type = 'POWER'),
    ],
    [
      'a Session-only CURRENT dimension',
      'charging_periods[0].dimensions[0].type',
      (c) => (c.charging_periods[0].dimensions[0].type = 'CURRENT'),
    ],
    [
      'an unknown dimension',
      'charging_periods[0].dimensions[0].type',
      (c) => (c.charging_periods[0].dimensions[0].type = 'KWH'),
    ],
    ['no charging periods', 'charging_periods', (c) => (c.charging_periods = [])],
    [
      'a period without dimensions',
      'charging_periods[0].dimensions',
      (c) => (c.charging_periods[0].dimensions = []),
    ],
    ['a non-credit id of 37', 'id', (c) => (c.id = 'c'.repeat(37))],
    [
      'a credit id of 40',
      'id',
      (c) => Object.assign(c, { id: 'c'.repeat(40), credit: true, credit_reference_id: '12345' }),
    ],
    ['credit without credit_reference_id', 'credit_reference_id', (c) => (c.credit = true)],
    [
      'credit with credit_reference_id null',
      'credit_reference_id',
      (c) => Object.assign(c, { credit: true, credit_reference_id: null }),
    ],
    [
      'credit_reference_id on a non-credit CDR',
      'credit_reference_id',
      (c) => (c.credit_reference_id = '12345'),
    ],
    [
      'a CdrLocation address of 46',
      'cdr_location.address',
      (c) => (c.cdr_location.address = 'a'.repeat(46)),
    ],
    [
      'a CdrLocation state of 21',
      'cdr_location.state',
      (c) => (c.cdr_location.state = 's'.repeat(21)),
    ],
    ['a CdrLocation without evse_id', 'cdr_location.evse_id', (c) => delete c.cdr_location.evse_id],
    [
      'a CdrLocation with an unknown standard',
      'cdr_location.connector_standard',
      (c) => (c.cdr_location.connector_standard = 'TYPE2'),
    ],
    [
      'CdrLocation coordinates as numbers',
      'cdr_location.coordinates.latitude',
      (c) => (c.cdr_location.coordinates.latitude = 3.729944),
    ],
    ['a cdr_token of an unknown type', 'cdr_token.type', (c) => (c.cdr_token.type = 'CARD')],
    ['an unknown auth_method', 'auth_method', (c) => (c.auth_method = 'APP')],
    ['a lower-case currency', 'currency', (c) => (c.currency = 'eur')],
    ['no total_cost', 'total_cost', (c) => delete c.total_cost],
    ['total_cost without excl_vat', 'total_cost.excl_vat', (c) => (c.total_cost = { incl_vat: 1 })],
    ['total_energy as a string', 'total_energy', (c) => (c.total_energy = '15.342')],
    ['a negative total_time', 'total_time', (c) => (c.total_time = -1)],
    [
      'an end_date_time with an offset',
      'end_date_time',
      (c) => (c.end_date_time = '2015-06-29T23:37:32+02:00'),
    ],
    ['a broken embedded tariff', 'tariffs[0].elements', (c) => (c.tariffs[0].elements = [])],
    [
      'signed data without signed values',
      'signed_data.signed_values',
      (c) => (c.signed_data = { encoding_method: 'OCMF', signed_values: [] }),
    ],
    [
      'a signed value plain_data over 5000',
      'signed_data.signed_values[0].plain_data',
      (c) =>
        (c.signed_data = {
          encoding_method: 'OCMF',
          signed_values: [{ nature: 'Start', plain_data: 'p'.repeat(5001), signed_data: 'AA==' }],
        }),
    ],
    ['a remark over 255', 'remark', (c) => (c.remark = 'r'.repeat(256))],
    [
      'an invoice_reference_id over 39',
      'invoice_reference_id',
      (c) => (c.invoice_reference_id = 'i'.repeat(40)),
    ],
    ['no last_updated', 'last_updated', (c) => delete c.last_updated],
  ];

  it.each(broken)(
    'Given a CDR with %s, When validated, Then %s is named',
    (_what, path, breakIt) => {
      const cdr = aCdr();
      breakIt(cdr);
      expectOnly(violationsOf(cdr), path);
    },
  );

  it.each<[string, (c: Json) => void]>([
    [
      'a credit CDR with a 39-character id',
      (c) =>
        Object.assign(c, {
          id: `${'c'.repeat(36)}-CR`,
          credit: true,
          credit_reference_id: 'c'.repeat(36),
          total_cost: { excl_vat: -4, incl_vat: -4.4 },
        }),
    ],
    ['credit false without reference', (c) => (c.credit = false)],
    [
      'optional fields null',
      (c) =>
        Object.assign(c, {
          session_id: null,
          tariffs: null,
          signed_data: null,
          total_time_cost: null,
          credit: null,
          credit_reference_id: null,
        }),
    ],
    [
      'a reservation-only location with #NA connector',
      (c) =>
        Object.assign(c.cdr_location, {
          evse_uid: '#NA',
          evse_id: '#NA',
          connector_id: '#NA',
          connector_standard: '#NA',
          connector_format: '#NA',
          connector_power_type: '#NA',
        }),
    ],
    ['a CdrLocation address of exactly 45', (c) => (c.cdr_location.address = 'a'.repeat(45))],
    [
      'signed data',
      (c) =>
        (c.signed_data = {
          encoding_method: 'OCMF',
          encoding_method_version: 1,
          signed_values: [{ nature: 'Start', plain_data: 'OCMF|{}', signed_data: 'AA==' }],
          url: 'https://verify.example',
        }),
    ],
  ])('Given a CDR with %s, When validated, Then it passes', (_what, change) => {
    const cdr = aCdr();
    change(cdr);
    expect(violationsOf(cdr)).toEqual([]);
  });
});
