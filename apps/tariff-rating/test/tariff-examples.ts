import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';

/**
 * The 32 worked OCPI 2.2.1 tariff examples (fixtures/ocpi-2.2.1-tariff-examples.json, a copy of
 * the shared public test set; see its README for the spec errata) and the comparison rules of that
 * README: round the computed amount half-up to the decimals shown and compare exactly, unless the
 * case gives an `expected_tolerance`.
 */
export interface TariffExampleCase {
  id: string;
  title: string;
  status: string;
  tariff: Record<string, unknown>;
  input: {
    start_date_time: string;
    end_date_time: string;
    time_zone: string;
    reservation_expired?: boolean;
    charging_periods: {
      start_date_time: string;
      dimensions: { type: string; volume: number }[];
      tariff_id?: string;
    }[];
  };
  expected: Record<string, string>;
  expected_tolerance?: string;
  derived_not_in_spec?: Record<string, string>;
}

export function loadTariffExamples(): TariffExampleCase[] {
  const file = join(__dirname, 'fixtures', 'ocpi-2.2.1-tariff-examples.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: TariffExampleCase[] }).cases;
}

/** OCPI CDR totals as the API returns them (Price objects and numbers). */
export interface CdrTotals {
  total_cost: { excl_vat: number; incl_vat?: number };
  total_fixed_cost?: { excl_vat: number; incl_vat?: number };
  total_energy: number;
  total_energy_cost?: { excl_vat: number; incl_vat?: number };
  total_time: number;
  total_time_cost?: { excl_vat: number; incl_vat?: number };
  total_parking_time?: number;
  total_parking_cost?: { excl_vat: number; incl_vat?: number };
  total_reservation_cost?: { excl_vat: number; incl_vat?: number };
}

/** `total_energy_cost_excl_vat`-style keys, as used by the cases' `expected`. */
export function flattenTotals(totals: CdrTotals): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(totals)) {
    if (typeof value === 'number') flat[key] = String(value);
    else if (value && typeof value === 'object') {
      const price = value as { excl_vat: number; incl_vat?: number };
      flat[`${key}_excl_vat`] = String(price.excl_vat);
      if (price.incl_vat !== undefined) flat[`${key}_incl_vat`] = String(price.incl_vat);
    }
  }
  return flat;
}

const MONEY_KEY = /cost/;

/**
 * Every expected value the actual map knows, compared per the README; returns the mismatches
 * (empty = pass). Keys the actual map lacks are reported unless listed in `optionalKeys`.
 */
export function compareWithExpected(
  expected: Record<string, string>,
  actual: Record<string, string>,
  tolerance: string | undefined,
  optionalKeys: (key: string) => boolean = () => false,
): string[] {
  const mismatches: string[] = [];
  const tol = tolerance ? new Decimal(/[0-9.]+/.exec(tolerance)?.[0] ?? '0') : null;
  for (const [key, want] of Object.entries(expected)) {
    if (!/^(total|billed)_/.test(key)) continue;
    const got = actual[key];
    if (got === undefined) {
      if (!optionalKeys(key)) mismatches.push(`${key}: missing (expected ${want})`);
      continue;
    }
    const wantDec = new Decimal(want);
    const gotDec = new Decimal(got);
    if (tol && MONEY_KEY.test(key)) {
      if (gotDec.minus(wantDec).abs().gt(tol)) {
        mismatches.push(`${key}: got ${got}, expected ${want} ± ${tol.toString()}`);
      }
      continue;
    }
    const decimals = want.includes('.') ? want.split('.')[1].length : 0;
    const rounded = gotDec.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
    if (!rounded.eq(wantDec)) {
      mismatches.push(`${key}: got ${got} (→ ${rounded.toFixed(decimals)}), expected ${want}`);
    }
  }
  return mismatches;
}
