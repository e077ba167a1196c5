import Decimal from 'decimal.js';

/**
 * The decimal type of the pricing engine: 28 significant digits, half-up. Money and volumes never
 * go through binary floating point; JSON numbers enter via their shortest string form.
 */
export const RatingDecimal = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_UP });
export type RatingDecimal = Decimal;

export const ZERO = new RatingDecimal(0);
export const ONE = new RatingDecimal(1);
export const HUNDRED = new RatingDecimal(100);
export const THOUSAND = new RatingDecimal(1000);
export const SECONDS_PER_HOUR = new RatingDecimal(3600);

/**
 * Quantities travel through segmentation as integers: energy in mWh (kWh × 10^6), time in ms
 * (hours × 3.6 × 10^6). Every OCPI 4-decimal volume is an exact integer there, splitting a period
 * stays exact integer arithmetic, and only money is computed (in decimal) from the integer totals.
 */
export const ENERGY_UNITS_PER_KWH = 1_000_000;
export const TIME_UNITS_PER_HOUR = 3_600_000;
/** Units per step_size unit: 1 Wh = 1,000 mWh and 1 s = 1,000 ms. */
export const UNITS_PER_STEP = 1_000;

/** A JSON volume (kWh or hours) in integer units. */
export function toUnits(volume: number, unitsPerVolume: number): number {
  return Math.round(volume * unitsPerVolume);
}

/** Integer units back to kWh / hours, as a decimal. */
export function fromUnits(units: number, unitsPerVolume: number): RatingDecimal {
  return new RatingDecimal(units).div(unitsPerVolume);
}

/** A JSON number as a decimal, without binary artefacts (0.1 stays 0.1). */
export function dec(value: number | string): RatingDecimal {
  return new RatingDecimal(typeof value === 'number' ? String(value) : value);
}

/** An amount excluding and including VAT. */
export interface Money {
  readonly exclVat: RatingDecimal;
  readonly inclVat: RatingDecimal;
}

export const ZERO_MONEY: Money = { exclVat: ZERO, inclVat: ZERO };

export function addMoney(a: Money, b: Money): Money {
  return { exclVat: a.exclVat.plus(b.exclVat), inclVat: a.inclVat.plus(b.inclVat) };
}
