import Decimal from 'decimal.js';
import { InvoiceInputError } from './invoice.errors';

/** What a driver invoice line charges for (the CDR's priced dimensions, the fixed fee, the rest). */
export type InvoiceLineDimension =
  'ENERGY' | 'TIME' | 'PARKING_TIME' | 'RESERVATION' | 'FLAT' | 'OTHER';
export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';

/** OCPI `Price` as found in a received CDR (incl_vat may be missing). */
export interface CdrPrice {
  excl_vat: number;
  incl_vat?: number;
}

/** The fields of a received OCPI 2.2.1 CDR that an invoice uses. */
export interface ReceivedCdr {
  id: string;
  country_code: string;
  party_id: string;
  start_date_time: string;
  end_date_time: string;
  currency: string;
  cdr_token?: { uid?: string; contract_id?: string; country_code?: string; party_id?: string };
  total_cost: CdrPrice;
  total_fixed_cost?: CdrPrice;
  total_energy: number;
  total_energy_cost?: CdrPrice;
  total_time: number;
  total_time_cost?: CdrPrice;
  total_parking_time?: number;
  total_parking_cost?: CdrPrice;
  total_reservation_cost?: CdrPrice;
  credit?: boolean;
  credit_reference_id?: string;
}

/** A CDR as `emsp.cdr.received.v1` delivers it. */
export interface InvoiceSource {
  cdr: ReceivedCdr;
  /** The driver account behind the token, when the event names one. */
  driverId?: string;
}

export interface InvoiceLine {
  dimension: InvoiceLineDimension;
  description: string;
  /** kWh (ENERGY), hours (TIME, PARKING_TIME), 1 (FLAT, RESERVATION, OTHER) */
  quantity: number;
  unit: 'kWh' | 'h' | 'pcs';
  /** Rounded to the currency's minor units; negative on a credit note. */
  amountExclVat: number;
  amountVat: number;
  amountInclVat: number;
  /** (incl / excl − 1) × 100, two decimals; 0 when the line has no amount excl. VAT. */
  vatRatePercent: number;
}

/** Everything of an invoice except its number, id and issue time (allocated when it is stored). */
export interface InvoiceDraft {
  kind: InvoiceKind;
  emspCountryCode: string;
  emspPartyId: string;
  cpoCountryCode: string;
  cpoPartyId: string;
  cdrId: string;
  /** CREDIT_NOTE: the CDR it credits (same CPO); its invoice is the one cancelled. */
  creditedCdrId: string | null;
  driverId: string | null;
  tokenUid: string;
  contractId: string;
  currency: string;
  cdrStartDateTime: string;
  cdrEndDateTime: string;
  lines: InvoiceLine[];
  totalExclVat: number;
  totalVat: number;
  totalInclVat: number;
}

/** ISO 4217 minor units of a currency (EUR 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    throw new InvoiceInputError(`unknown currency ${currency}`, [`currency: ${currency}`]);
  }
}

/** Rounds half away from zero to the currency's minor units (a credit note mirrors its invoice). */
export function roundMoney(amount: Decimal.Value, currency: string): Decimal {
  return new Decimal(amount).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}

/** `VLT-2026-000001`: party id, year of issue, sequence (6 digits, more when it outgrows them). */
export function formatInvoiceNumber(partyId: string, year: number, sequence: number): string {
  return `${partyId}-${year}-${String(sequence).padStart(6, '0')}`;
}

interface DimensionSpec {
  dimension: InvoiceLineDimension;
  price: (c: ReceivedCdr) => CdrPrice | undefined;
  quantity: (c: ReceivedCdr) => number;
  unit: InvoiceLine['unit'];
  describe: (quantity: string) => string;
}

const DIMENSIONS: DimensionSpec[] = [
  {
    dimension: 'FLAT',
    price: (c) => c.total_fixed_cost,
    quantity: () => 1,
    unit: 'pcs',
    describe: () => 'Session fee',
  },
  {
    dimension: 'ENERGY',
    price: (c) => c.total_energy_cost,
    quantity: (c) => c.total_energy,
    unit: 'kWh',
    describe: (q) => `Energy ${q} kWh`,
  },
  {
    dimension: 'TIME',
    price: (c) => c.total_time_cost,
    quantity: (c) => c.total_time,
    unit: 'h',
    describe: (q) => `Charging time ${q} h`,
  },
  {
    dimension: 'PARKING_TIME',
    price: (c) => c.total_parking_cost,
    quantity: (c) => c.total_parking_time ?? 0,
    unit: 'h',
    describe: (q) => `Parking time ${q} h`,
  },
  {
    dimension: 'RESERVATION',
    price: (c) => c.total_reservation_cost,
    quantity: () => 1,
    unit: 'pcs',
    describe: () => 'Reservation',
  },
];

/**
 * Turns a received CDR into an invoice (or, for a credit CDR, a credit note): one line per priced
 * dimension as the CDR states it, each amount rounded half away from zero to the currency's minor
 * units; the totals are the CDR's `total_cost`, rounded the same way; when the lines do not add up
 * to them (unpriced dimensions, rounding) an OTHER line takes the difference, so the lines always
 * sum to the totals. VAT = incl − excl. A price without `incl_vat` gets the CDR's overall VAT ratio
 * (none when `total_cost` has no `incl_vat` either). A credit note's amounts are all negative,
 * whatever sign the credit CDR uses.
 */
export function assembleInvoice(source: InvoiceSource): InvoiceDraft {
  const { cdr } = source;
  const token = cdr.cdr_token;
  if (!token?.uid || !token.contract_id || !token.country_code || !token.party_id) {
    throw new InvoiceInputError(`CDR ${cdr.id}: cdr_token lacks uid, contract_id or its party`, [
      'cdr_token: uid, contract_id, country_code and party_id are required',
    ]);
  }
  const credit = cdr.credit === true;
  if (credit && !cdr.credit_reference_id) {
    throw new InvoiceInputError(`credit CDR ${cdr.id} has no credit_reference_id`, [
      'credit_reference_id: required when credit is true',
    ]);
  }
  const currency = cdr.currency.toUpperCase();
  const signed = (v: Decimal.Value) => (credit ? new Decimal(v).abs().neg() : new Decimal(v));
  const money = (v: Decimal.Value) => roundMoney(signed(v), currency);

  const totalExcl = new Decimal(cdr.total_cost.excl_vat);
  const totalInclRaw =
    cdr.total_cost.incl_vat === undefined ? totalExcl : new Decimal(cdr.total_cost.incl_vat);
  const vatRatio = totalExcl.isZero() ? new Decimal(1) : totalInclRaw.div(totalExcl);
  const totalExclVat = money(totalExcl);
  const totalInclVat = money(totalInclRaw);

  const lines: InvoiceLine[] = [];
  for (const spec of DIMENSIONS) {
    const price = spec.price(cdr);
    if (!price) continue;
    const rawExcl = new Decimal(price.excl_vat);
    const rawIncl =
      price.incl_vat === undefined ? rawExcl.mul(vatRatio) : new Decimal(price.incl_vat);
    const excl = money(rawExcl);
    const incl = money(rawIncl);
    if (excl.isZero() && incl.isZero()) continue;
    const quantity = new Decimal(spec.quantity(cdr)).toDecimalPlaces(4).toNumber();
    // the rate from the CDR's unrounded amounts (6.60 / 7.986 → 21 %), not from the rounded ones
    lines.push(
      line(spec.dimension, spec.describe(String(quantity)), quantity, spec.unit, excl, incl, {
        excl: rawExcl,
        incl: rawIncl,
      }),
    );
  }
  const restExcl = totalExclVat.minus(sum(lines.map((l) => l.amountExclVat)));
  const restIncl = totalInclVat.minus(sum(lines.map((l) => l.amountInclVat)));
  if (!restExcl.isZero() || !restIncl.isZero() || lines.length === 0) {
    const description =
      lines.length === 0
        ? `Charging session ${cdr.start_date_time.slice(0, 10)}, ${new Decimal(cdr.total_energy).toDecimalPlaces(4)} kWh`
        : 'Other charges and rounding';
    lines.push(line('OTHER', description, 1, 'pcs', restExcl, restIncl));
  }

  return {
    kind: credit ? 'CREDIT_NOTE' : 'INVOICE',
    emspCountryCode: token.country_code.toUpperCase(),
    emspPartyId: token.party_id.toUpperCase(),
    cpoCountryCode: cdr.country_code.toUpperCase(),
    cpoPartyId: cdr.party_id.toUpperCase(),
    cdrId: cdr.id,
    creditedCdrId: credit ? (cdr.credit_reference_id as string) : null,
    driverId: source.driverId ?? null,
    tokenUid: token.uid,
    contractId: token.contract_id,
    currency,
    cdrStartDateTime: cdr.start_date_time,
    cdrEndDateTime: cdr.end_date_time,
    lines,
    totalExclVat: totalExclVat.toNumber(),
    totalVat: totalInclVat.minus(totalExclVat).toNumber(),
    totalInclVat: totalInclVat.toNumber(),
  };
}

function line(
  dimension: InvoiceLineDimension,
  description: string,
  quantity: number,
  unit: InvoiceLine['unit'],
  excl: Decimal,
  incl: Decimal,
  unrounded: { excl: Decimal; incl: Decimal } = { excl, incl },
): InvoiceLine {
  const rate = unrounded.excl.isZero()
    ? new Decimal(0)
    : Decimal.max(
        0,
        Decimal.min(100, unrounded.incl.div(unrounded.excl).minus(1).mul(100)),
      ).toDecimalPlaces(2);
  return {
    dimension,
    description,
    quantity,
    unit,
    amountExclVat: excl.toNumber(),
    amountVat: incl.minus(excl).toNumber(),
    amountInclVat: incl.toNumber(),
    vatRatePercent: rate.toNumber(),
  };
}

function sum(values: number[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0));
}
