import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOcpi } from '../common/validate-ocpi';
import { TariffDto } from './tariff.dto';

/** Verbatim copies of the spec's examples/tariff*.json (see fixtures/spec-examples/README.md). */
const SPEC_EXAMPLES = join(__dirname, 'fixtures', 'spec-examples');

function specExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SPEC_EXAMPLES, file), 'utf8')) as Record<string, unknown>;
}

/** A valid tariff built from the spec's complex example, to be broken field by field. */
function aTariff(): Record<string, unknown> {
  return specExample('tariff_4_complex.json');
}

function violationsOf(tariff: unknown): string[] {
  return validateOcpi(TariffDto, tariff).violations;
}

describe('OCPI 2.2.1 Tariff DTO', () => {
  const exampleFiles = readdirSync(SPEC_EXAMPLES).filter(
    (f) => /^tariff(restriction)?_.*\.json$/.test(f) && f !== 'tariff_put_example.json',
  );

  it('finds the spec example files', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(19);
  });

  it.each(exampleFiles)('Given the spec example %s, When validated, Then it passes', (file) => {
    const result = validateOcpi(TariffDto, specExample(file));
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.value).toBeInstanceOf(TariffDto);
  });

  it('Given tariff_put_example.json (no last_updated), When validated, Then last_updated is named', () => {
    expect(violationsOf(specExample('tariff_put_example.json'))).toEqual([
      expect.stringMatching(/^last_updated: /),
    ]);
  });

  it('Given a non-object body, When validated, Then it is rejected', () => {
    expect(violationsOf([1, 2])).toEqual(['(body): must be a JSON object']);
    expect(validateOcpi(TariffDto, 'x', 'tariff').violations).toEqual([
      'tariff: must be a JSON object',
    ]);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures broken on purpose
  type Json = Record<string, any>;
  type Breaker = [string, (t: Json) => void, string];
  const broken: Breaker[] = [
    ['missing country_code', (t) => delete t.country_code, 'country_code'],
    ['3-letter country_code', (t) => (t.country_code = 'DEU'), 'country_code'],
    ['party_id too long', (t) => (t.party_id = 'ABCD'), 'party_id'],
    ['id longer than 36', (t) => (t.id = 'x'.repeat(37)), 'id'],
    ['non-ASCII id', (t) => (t.id = 'tarif-é'), 'id'],
    ['lower-case currency', (t) => (t.currency = 'eur'), 'currency'],
    ['unknown type', (t) => (t.type = 'CHEAP'), 'type'],
    ['elements empty', (t) => (t.elements = []), 'elements'],
    ['elements missing', (t) => delete t.elements, 'elements'],
    [
      'price_components empty',
      (t) => (t.elements[1].price_components = []),
      'elements[1].price_components',
    ],
    [
      'unknown dimension',
      (t) => (t.elements[0].price_components[0].type = 'KWH'),
      'elements[0].price_components[0].type',
    ],
    [
      'price as a string',
      (t) => (t.elements[0].price_components[0].price = '2.50'),
      'elements[0].price_components[0].price',
    ],
    [
      'negative price',
      (t) => (t.elements[0].price_components[0].price = -1),
      'elements[0].price_components[0].price',
    ],
    [
      'fractional step_size',
      (t) => (t.elements[2].price_components[0].step_size = 1.5),
      'elements[2].price_components[0].step_size',
    ],
    [
      'missing step_size',
      (t) => delete t.elements[2].price_components[0].step_size,
      'elements[2].price_components[0].step_size',
    ],
    [
      'vat above 100',
      (t) => (t.elements[2].price_components[0].vat = 120),
      'elements[2].price_components[0].vat',
    ],
    [
      'start_time without leading zero',
      (t) => (t.elements[4].restrictions.start_time = '9:00'),
      'elements[4].restrictions.start_time',
    ],
    [
      'end_time 24:00',
      (t) => (t.elements[4].restrictions.end_time = '24:00'),
      'elements[4].restrictions.end_time',
    ],
    [
      'start_date with month 13',
      (t) => (t.elements[4].restrictions.start_date = '2024-13-01'),
      'elements[4].restrictions.start_date',
    ],
    [
      'unknown day_of_week',
      (t) => (t.elements[2].restrictions.day_of_week = ['MONDAY', 'MON']),
      'elements[2].restrictions.day_of_week',
    ],
    [
      'min_duration not an integer',
      (t) => (t.elements[1].restrictions.min_duration = 1.5),
      'elements[1].restrictions.min_duration',
    ],
    [
      'negative max_kwh',
      (t) => (t.elements[1].restrictions.max_kwh = -3),
      'elements[1].restrictions.max_kwh',
    ],
    [
      'unknown reservation type',
      (t) => (t.elements[1].restrictions.reservation = 'EXPIRES'),
      'elements[1].restrictions.reservation',
    ],
    ['min_price without excl_vat', (t) => (t.min_price = { incl_vat: 1 }), 'min_price.excl_vat'],
    ['last_updated not UTC', (t) => (t.last_updated = '2015-06-29T20:39:09+02:00'), 'last_updated'],
    [
      'impossible end_date_time',
      (t) => (t.end_date_time = '2025-02-30T00:00:00Z'),
      'end_date_time',
    ],
    [
      'alt text language too long',
      (t) => (t.tariff_alt_text = [{ language: 'eng', text: 'x' }]),
      'tariff_alt_text[0].language',
    ],
    [
      'energy_mix without is_green_energy',
      (t) => (t.energy_mix = {}),
      'energy_mix.is_green_energy',
    ],
  ];

  it.each(broken)(
    'Given a tariff with %s, When validated, Then it fails naming the field',
    (_name, breakIt, field) => {
      const tariff = aTariff();
      breakIt(tariff);
      const violations = violationsOf(tariff);
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.startsWith(`${field}: `))).toBe(true);
    },
  );

  it('Given optional fields set to null, When validated, Then they are accepted (cardinality ? and *)', () => {
    const tariff: Record<string, unknown> = {
      ...aTariff(),
      type: null,
      tariff_alt_text: null,
      min_price: null,
      end_date_time: null,
      energy_mix: null,
    };
    (tariff.elements as Record<string, unknown>[])[0].restrictions = null;
    expect(violationsOf(tariff)).toEqual([]);
  });

  it('Given a DateTime without Z and with fractions, When validated, Then it is accepted', () => {
    expect(violationsOf({ ...aTariff(), last_updated: '2015-06-29T20:39:09.123' })).toEqual([]);
  });

  it('Given a nested violation with a root path, Then the path is prefixed', () => {
    const tariff = aTariff() as Json;
    tariff.elements[0].price_components[0].step_size = -1;
    expect(validateOcpi(TariffDto, tariff, 'tariff').violations).toEqual([
      'tariff.elements[0].price_components[0].step_size: must not be less than 0',
    ]);
  });
});
