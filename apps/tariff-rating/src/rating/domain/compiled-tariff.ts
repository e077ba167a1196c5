import type { TariffDto } from '@voltlane/protocols-ocpi';
import {
  dec,
  ENERGY_UNITS_PER_KWH,
  HUNDRED,
  ONE,
  type RatingDecimal,
  toUnits,
} from './rating-decimal';
import { dayNumberOf, MS_PER_MINUTE } from './local-clock';

/** Priced dimensions of OCPI 2.2.1 (TariffDimensionType). */
export type PricedDimension = 'ENERGY' | 'FLAT' | 'PARKING_TIME' | 'TIME';
export type ReservationKind = 'RESERVATION' | 'RESERVATION_EXPIRES';

export interface CompiledComponent {
  readonly type: PricedDimension;
  readonly price: RatingDecimal;
  /** 1 + vat/100; `null` when the component has no VAT (incl. VAT = excl. VAT). */
  readonly vatFactor: RatingDecimal | null;
  readonly stepSize: number;
  readonly elementIndex: number;
}

export interface CompiledRestrictions {
  /** Local time of day, ms since midnight. */
  readonly startTime?: number;
  readonly endTime?: number;
  /** Local dates as days since 1970-01-01; start inclusive, end exclusive. */
  readonly startDate?: number;
  readonly endDate?: number;
  /** ISO weekdays (1 = Monday). */
  readonly daysOfWeek?: ReadonlySet<number>;
  /** Energy thresholds in mWh. */
  readonly minKwh?: number;
  readonly maxKwh?: number;
  readonly minCurrent?: number;
  readonly maxCurrent?: number;
  readonly minPower?: number;
  readonly maxPower?: number;
  /** Seconds. */
  readonly minDuration?: number;
  readonly maxDuration?: number;
}

export interface CompiledElement {
  readonly index: number;
  readonly components: Readonly<Partial<Record<PricedDimension, CompiledComponent>>>;
  readonly restrictions: CompiledRestrictions | null;
  readonly reservation: ReservationKind | null;
}

/** A tariff prepared for pricing: decimals parsed, times in ms, boundaries collected once. */
export interface CompiledTariff {
  readonly id: string;
  readonly currency: string;
  readonly elements: readonly CompiledElement[];
  readonly minPrice: { exclVat: RatingDecimal; inclVat: RatingDecimal | null } | null;
  readonly maxPrice: { exclVat: RatingDecimal; inclVat: RatingDecimal | null } | null;
  readonly startDateTime: number | null;
  readonly endDateTime: number | null;
  /** Sorted local times of day (ms) at which some element may switch; empty = none. */
  readonly timeOfDayBoundaries: readonly number[];
  /** Sorted energy thresholds (mWh) of min_kwh / max_kwh. */
  readonly kwhThresholds: readonly number[];
  /** Sorted duration thresholds (seconds) of min_duration / max_duration. */
  readonly durationThresholds: readonly number[];
}

const DAY_NUMBERS: Readonly<Record<string, number>> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

/** Tariff shape the engine reads: a (validated) OCPI 2.2.1 Tariff. */
export type TariffInput = Pick<
  TariffDto,
  'id' | 'currency' | 'elements' | 'min_price' | 'max_price' | 'start_date_time' | 'end_date_time'
>;

export function compileTariff(tariff: TariffInput): CompiledTariff {
  const timeBoundaries = new Set<number>();
  const kwh = new Set<number>();
  const durations = new Set<number>();

  const elements = tariff.elements.map((element, index): CompiledElement => {
    const components: Partial<Record<PricedDimension, CompiledComponent>> = {};
    for (const pc of element.price_components) {
      const type = pc.type as PricedDimension;
      if (components[type]) continue; // only the first component per dimension can be active
      components[type] = {
        type,
        price: dec(pc.price),
        vatFactor:
          pc.vat === undefined || pc.vat === null ? null : ONE.plus(dec(pc.vat).div(HUNDRED)),
        stepSize: pc.step_size,
        elementIndex: index,
      };
    }
    const r = element.restrictions;
    let restrictions: CompiledRestrictions | null = null;
    if (r) {
      const compiled: {
        -readonly [K in keyof CompiledRestrictions]: CompiledRestrictions[K];
      } = {};
      if (r.start_time) compiled.startTime = timeOfDay(r.start_time);
      if (r.end_time) compiled.endTime = timeOfDay(r.end_time);
      if (r.start_date) compiled.startDate = dayNumberOf(r.start_date);
      if (r.end_date) compiled.endDate = dayNumberOf(r.end_date);
      if (r.day_of_week?.length) {
        compiled.daysOfWeek = new Set(r.day_of_week.map((d) => DAY_NUMBERS[d]));
      }
      if (isSet(r.min_kwh)) compiled.minKwh = toUnits(r.min_kwh, ENERGY_UNITS_PER_KWH);
      if (isSet(r.max_kwh)) compiled.maxKwh = toUnits(r.max_kwh, ENERGY_UNITS_PER_KWH);
      if (isSet(r.min_current)) compiled.minCurrent = r.min_current;
      if (isSet(r.max_current)) compiled.maxCurrent = r.max_current;
      if (isSet(r.min_power)) compiled.minPower = r.min_power;
      if (isSet(r.max_power)) compiled.maxPower = r.max_power;
      if (isSet(r.min_duration)) compiled.minDuration = r.min_duration;
      if (isSet(r.max_duration)) compiled.maxDuration = r.max_duration;

      for (const t of [compiled.startTime, compiled.endTime])
        if (t !== undefined) timeBoundaries.add(t);
      if (
        compiled.startDate !== undefined ||
        compiled.endDate !== undefined ||
        compiled.daysOfWeek
      ) {
        timeBoundaries.add(0);
      }
      for (const k of [compiled.minKwh, compiled.maxKwh]) if (k !== undefined) kwh.add(k);
      for (const d of [compiled.minDuration, compiled.maxDuration])
        if (d !== undefined) durations.add(d);
      if (Object.keys(compiled).length > 0) restrictions = compiled;
    }
    return { index, components, restrictions, reservation: r?.reservation ?? null };
  });

  return {
    id: tariff.id,
    currency: tariff.currency,
    elements,
    minPrice: priceOf(tariff.min_price),
    maxPrice: priceOf(tariff.max_price),
    startDateTime: tariff.start_date_time ? parseUtc(tariff.start_date_time) : null,
    endDateTime: tariff.end_date_time ? parseUtc(tariff.end_date_time) : null,
    timeOfDayBoundaries: [...timeBoundaries].sort((a, b) => a - b),
    kwhThresholds: [...kwh].sort((a, b) => a - b),
    durationThresholds: [...durations].sort((a, b) => a - b),
  };
}

function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function timeOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * MS_PER_MINUTE;
}

function priceOf(
  price: { excl_vat: number; incl_vat?: number | null } | null | undefined,
): CompiledTariff['minPrice'] {
  if (!price) return null;
  return {
    exclVat: dec(price.excl_vat),
    inclVat: isSet(price.incl_vat) ? dec(price.incl_vat) : null,
  };
}

/** OCPI DateTime (UTC, `Z` optional) → epoch ms. */
export function parseUtc(value: string): number {
  return Date.parse(value.endsWith('Z') ? value : `${value}Z`);
}
