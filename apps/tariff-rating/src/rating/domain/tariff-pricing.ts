import type {
  CompiledComponent,
  CompiledElement,
  CompiledTariff,
  PricedDimension,
} from './compiled-tariff';
import {
  addMoney,
  dec,
  ENERGY_UNITS_PER_KWH,
  fromUnits,
  type Money,
  type RatingDecimal,
  TIME_UNITS_PER_HOUR,
  UNITS_PER_STEP,
  ZERO,
  ZERO_MONEY,
} from './rating-decimal';
import { parseSession, type ParsedSession, type RatingSessionInput } from './rating-session';
import { TariffNotActiveError } from './rating.errors';
import { restrictionsMatch } from './restriction-matcher';
import { type Segment, segmentSession } from './session-segmenter';

/** Volume-based dimensions a line can bill. RESERVATION_TIME is priced by reservation TIME. */
export type LineDimension = 'ENERGY' | 'TIME' | 'PARKING_TIME' | 'RESERVATION_TIME';

/** One priced piece of a segment. Volumes in integer units: mWh (ENERGY) or ms (time). */
export interface PricedLine {
  readonly dimension: LineDimension;
  readonly segment: Segment;
  readonly component: CompiledComponent;
  readonly units: number;
  /** Units after step_size (only the last line of a rounding group can differ). */
  billedUnits: number;
}

export interface FlatFee {
  readonly component: CompiledComponent;
  readonly reservation: boolean;
  readonly cost: Money;
}

/** OCPI CDR totals, unrounded. Quantities in kWh and hours. */
export interface RatingResult {
  readonly tariffId: string;
  readonly currency: string;
  readonly totalCost: Money;
  readonly totalFixedCost: Money;
  readonly totalEnergy: RatingDecimal;
  readonly totalEnergyCost: Money;
  readonly totalTime: RatingDecimal;
  readonly totalTimeCost: Money;
  readonly totalParkingTime: RatingDecimal;
  readonly totalParkingCost: Money;
  readonly totalReservationCost: Money;
  /** Quantities after step_size, as billed (kWh, hours). */
  readonly billed: {
    readonly energy: RatingDecimal;
    readonly time: RatingDecimal;
    readonly parkingTime: RatingDecimal;
    readonly reservationTime: RatingDecimal;
  };
  readonly lines: readonly PricedLine[];
  readonly flatFees: readonly FlatFee[];
}

/**
 * Prices a session with one OCPI 2.2.1 tariff (docs/adr/0020-ocpi-tariff-pricing-semantics.md):
 * per segment and dimension the first element (in list order) with a component for that dimension
 * and matching restrictions is active; step_size once per session for ENERGY and once for
 * TIME+PARKING_TIME; FLAT once; VAT per component; min_price/max_price on the total.
 */
export function rateSession(tariff: CompiledTariff, input: RatingSessionInput): RatingResult {
  const session = parseSession(input);
  assertTariffActive(tariff, session, input);
  const segments = segmentSession(tariff, session);

  const charging = tariff.elements.filter((e) => e.reservation === null);
  const reservation = tariff.elements.filter((e) => e.reservation === 'RESERVATION');
  const reservationCandidates = session.reservationExpired
    ? [...tariff.elements.filter((e) => e.reservation === 'RESERVATION_EXPIRES'), ...reservation]
    : reservation;

  const energyLines: PricedLine[] = [];
  const timeLines: PricedLine[] = [];
  const parkingLines: PricedLine[] = [];
  const reservationLines: PricedLine[] = [];
  let chargingFlat: CompiledComponent | null = null;
  let reservationFlat: CompiledComponent | null = null;
  for (const segment of segments) {
    const candidates = segment.reservation ? reservationCandidates : charging;
    const addLine = (
      into: PricedLine[],
      dimension: LineDimension,
      units: number,
      type: PricedDimension,
    ) => {
      if (units === 0) return;
      const component = activeComponent(candidates, type, segment);
      if (component) into.push({ dimension, segment, component, units, billedUnits: units });
    };
    if (segment.reservation) {
      addLine(reservationLines, 'RESERVATION_TIME', segment.reservationTime, 'TIME');
      reservationFlat ??= activeComponent(candidates, 'FLAT', segment);
    } else {
      addLine(energyLines, 'ENERGY', segment.energy, 'ENERGY');
      addLine(timeLines, 'TIME', segment.time, 'TIME');
      addLine(parkingLines, 'PARKING_TIME', segment.parkingTime, 'PARKING_TIME');
      chargingFlat ??= activeComponent(candidates, 'FLAT', segment);
    }
  }

  applyStepSize(energyLines, false);
  // TIME and PARKING_TIME share one rounding: the parking total when parking is billed (charging
  // followed by parking is not rounded), otherwise the charging time total.
  if (sumUnits(parkingLines) > 0) applyStepSize(parkingLines, true);
  else applyStepSize(timeLines, true);
  applyStepSize(reservationLines, true);

  const flatFees: FlatFee[] = [];
  if (chargingFlat) {
    flatFees.push({ component: chargingFlat, reservation: false, cost: flatCost(chargingFlat) });
  }
  if (reservationFlat) {
    flatFees.push({
      component: reservationFlat,
      reservation: true,
      cost: flatCost(reservationFlat),
    });
  }

  const totalFixedCost = chargingFlat ? flatCost(chargingFlat) : ZERO_MONEY;
  const totalEnergyCost = costOf(energyLines, ENERGY_UNITS_PER_KWH);
  const totalTimeCost = costOf(timeLines, TIME_UNITS_PER_HOUR);
  const totalParkingCost = costOf(parkingLines, TIME_UNITS_PER_HOUR);
  let totalReservationCost = costOf(reservationLines, TIME_UNITS_PER_HOUR);
  if (reservationFlat)
    totalReservationCost = addMoney(totalReservationCost, flatCost(reservationFlat));
  let uncapped = totalFixedCost;
  for (const part of [totalEnergyCost, totalTimeCost, totalParkingCost, totalReservationCost]) {
    if (part !== ZERO_MONEY) uncapped = addMoney(uncapped, part);
  }

  let energyUnits = 0;
  let timeUnits = 0;
  let parkingUnits = 0;
  for (const p of session.periods) {
    energyUnits += p.energy;
    timeUnits += p.time;
    parkingUnits += p.parkingTime;
  }
  return {
    tariffId: tariff.id,
    currency: tariff.currency,
    totalCost: applyMinMax(uncapped, tariff),
    totalFixedCost,
    totalEnergy: fromUnits(energyUnits, ENERGY_UNITS_PER_KWH),
    totalEnergyCost,
    totalTime: totalTimeOf(session, timeUnits + parkingUnits),
    totalTimeCost,
    totalParkingTime: fromUnits(parkingUnits, TIME_UNITS_PER_HOUR),
    totalParkingCost,
    totalReservationCost,
    billed: {
      energy: fromUnits(sumBilled(energyLines), ENERGY_UNITS_PER_KWH),
      time: fromUnits(sumBilled(timeLines), TIME_UNITS_PER_HOUR),
      parkingTime: fromUnits(sumBilled(parkingLines), TIME_UNITS_PER_HOUR),
      reservationTime: fromUnits(sumBilled(reservationLines), TIME_UNITS_PER_HOUR),
    },
    lines: [...reservationLines, ...energyLines, ...timeLines, ...parkingLines],
    flatFees,
  };
}

function activeComponent(
  candidates: readonly CompiledElement[],
  type: PricedDimension,
  segment: Segment,
): CompiledComponent | null {
  for (const element of candidates) {
    const component = element.components[type];
    if (component && restrictionsMatch(element.restrictions, segment.state)) return component;
  }
  return null;
}

/**
 * step_size once per rounding group: the group's total is rounded up to a multiple of the step of
 * its last billed component and the extra volume is billed with that last line's price. Time totals
 * are compared at whole seconds (OCPI hour volumes carry 4 decimals, i.e. 0.36 s).
 */
function applyStepSize(lines: PricedLine[], wholeSeconds: boolean): void {
  if (lines.length === 0) return;
  const total = sumUnits(lines);
  const last = lines[lines.length - 1];
  const stepUnits = last.component.stepSize * UNITS_PER_STEP;
  if (stepUnits <= 0 || total <= 0) return;
  const measured = wholeSeconds ? Math.round(total / UNITS_PER_STEP) * UNITS_PER_STEP : total;
  const billed = Math.ceil(measured / stepUnits) * stepUnits;
  if (billed > total) last.billedUnits = last.units + (billed - total);
}

/** Cost of lines: volume × price per component (linear, so summed per component first) + VAT. */
function costOf(lines: readonly PricedLine[], unitsPerVolume: number): Money {
  if (lines.length === 0) return ZERO_MONEY;
  const unitsByComponent = new Map<CompiledComponent, number>();
  for (const line of lines) {
    unitsByComponent.set(
      line.component,
      (unitsByComponent.get(line.component) ?? 0) + line.billedUnits,
    );
  }
  let total = ZERO_MONEY;
  for (const [component, units] of unitsByComponent) {
    if (units === 0 || component.price.isZero()) continue;
    const excl = dec(units).times(component.price).div(unitsPerVolume);
    const cost = withVat(excl, component);
    total = total === ZERO_MONEY ? cost : addMoney(total, cost);
  }
  return total;
}

function flatCost(component: CompiledComponent): Money {
  return withVat(component.price, component);
}

function withVat(excl: RatingDecimal, component: CompiledComponent): Money {
  return { exclVat: excl, inclVat: component.vatFactor ? excl.times(component.vatFactor) : excl };
}

function applyMinMax(total: Money, tariff: CompiledTariff): Money {
  let { exclVat, inclVat } = total;
  const min = tariff.minPrice;
  if (min) {
    if (exclVat.lt(min.exclVat)) exclVat = min.exclVat;
    if (min.inclVat && inclVat.lt(min.inclVat)) inclVat = min.inclVat;
  }
  const max = tariff.maxPrice;
  if (max) {
    if (exclVat.gt(max.exclVat)) exclVat = max.exclVat;
    if (max.inclVat && inclVat.gt(max.inclVat)) inclVat = max.inclVat;
  }
  return { exclVat, inclVat };
}

function assertTariffActive(
  tariff: CompiledTariff,
  session: ParsedSession,
  input: RatingSessionInput,
): void {
  if (tariff.startDateTime !== null && session.start < tariff.startDateTime) {
    throw new TariffNotActiveError('The tariff is not yet active at the session start', [
      `session.start_date_time: ${input.start_date_time} is before the tariff's start_date_time`,
    ]);
  }
  if (tariff.endDateTime !== null && session.start > tariff.endDateTime) {
    throw new TariffNotActiveError('The tariff is no longer active at the session start', [
      `session.start_date_time: ${input.start_date_time} is after the tariff's end_date_time`,
    ]);
  }
}

/** TIME + PARKING_TIME volumes; without any, the wall-clock duration of the charging part. */
function totalTimeOf(session: ParsedSession, timeUnits: number): RatingDecimal {
  const charging = session.periods.filter((p) => !p.reservation);
  if (charging.length === 0) return ZERO;
  if (charging.some((p) => p.hasTimeDimension)) return fromUnits(timeUnits, TIME_UNITS_PER_HOUR);
  return fromUnits(session.end - session.chargingStart, TIME_UNITS_PER_HOUR);
}

function sumUnits(lines: readonly PricedLine[]): number {
  let total = 0;
  for (const l of lines) total += l.units;
  return total;
}

function sumBilled(lines: readonly PricedLine[]): number {
  let total = 0;
  for (const l of lines) total += l.billedUnits;
  return total;
}
