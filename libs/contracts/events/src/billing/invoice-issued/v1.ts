import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsBoundedString,
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsPrintableAscii,
  IsUtcDateTime,
  MONEY_NUMBER_OPTIONS,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** What an invoice line charges for: a CDR dimension, the fixed fee, or an adjustment. */
export const InvoiceLineDimensions = [
  'ENERGY',
  'TIME',
  'PARKING_TIME',
  'RESERVATION',
  'FLAT',
  'OTHER',
] as const;
export type InvoiceLineDimension = (typeof InvoiceLineDimensions)[number];

/** An invoice, or a credit note cancelling the invoice of a credited CDR. */
export const InvoiceKinds = ['INVOICE', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof InvoiceKinds)[number];

/** One invoiced CDR (or one priced dimension of it). */
export class InvoiceLineV1 {
  /** The CDR received from the CPO (OCPI `CiString(39)`, unique per CPO; credit CDR ids may be 39). */
  @IsPrintableAscii(39)
  cdrId: string;

  @IsOcpiCountryCode()
  cpoCountryCode: string;

  @IsOcpiPartyId()
  cpoPartyId: string;

  @IsBoundedString(200)
  description: string;

  @IsNumber(MONEY_NUMBER_OPTIONS)
  amountExclVat: number;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  vatRatePercent: number;

  @IsNumber(MONEY_NUMBER_OPTIONS)
  amountInclVat: number;

  /** The CDR dimension this line prices (absent: the whole CDR). */
  @IsOptionalField()
  @IsIn(InvoiceLineDimensions)
  dimension?: InvoiceLineDimension;

  /** Quantity as the CDR states it (kWh for ENERGY, hours for TIME/PARKING_TIME, 1 for FLAT). */
  @IsOptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  quantity?: number;

  /** Unit of `quantity`: `kWh`, `h` or `pcs`. */
  @IsOptionalField()
  @IsBoundedString(8)
  unit?: string;
}

/** Our eMSP invoiced a driver. */
export class InvoiceIssuedV1 {
  @IsUUID()
  invoiceId: string;

  /** The legal, sequential invoice number. */
  @IsPrintableAscii(64)
  invoiceNumber: string;

  /**
   * The driver account in ocpi-emsp, when the invoiced CDR's event named one (a token without a
   * driver account is invoiced to its contract id: `contractId`).
   */
  @IsOptionalField()
  @IsPrintableAscii(64)
  driverId?: string;

  /** INVOICE (absent means INVOICE) or CREDIT_NOTE (negative amounts). */
  @IsOptionalField()
  @IsIn(InvoiceKinds)
  kind?: InvoiceKind;

  /** The eMSP party whose number series this invoice belongs to (the token's issuer). */
  @IsOptionalField()
  @IsOcpiCountryCode()
  emspCountryCode?: string;

  @IsOptionalField()
  @IsOcpiPartyId()
  emspPartyId?: string;

  /** The token that was charged with: OCPI `cdr_token.uid` and `contract_id`. */
  @IsOptionalField()
  @IsOcpiId()
  tokenUid?: string;

  @IsOptionalField()
  @IsOcpiId()
  contractId?: string;

  /** CREDIT_NOTE: the invoice it cancels (the invoice of the credited CDR). */
  @IsOptionalField()
  @IsUUID()
  creditedInvoiceId?: string;

  @IsOptionalField()
  @IsPrintableAscii(64)
  creditedInvoiceNumber?: string;

  @IsCurrencyCode()
  currency: string;

  @IsNumber(MONEY_NUMBER_OPTIONS)
  totalExclVat: number;

  @IsNumber(MONEY_NUMBER_OPTIONS)
  totalVat: number;

  @IsNumber(MONEY_NUMBER_OPTIONS)
  totalInclVat: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineV1)
  lines: InvoiceLineV1[];

  @IsUtcDateTime()
  issuedAt: string;

  @IsOptionalField()
  @IsUtcDateTime()
  dueAt?: string;
}

export const InvoiceIssuedV1Definition = defineEvent({
  topic: Topics.InvoiceIssued,
  schemaVersion: 1,
  dataClass: InvoiceIssuedV1,
  keyField: 'invoiceId',
  producers: ['cdr-billing'],
  consumers: ['ocpi-emsp', 'internal-subscribers'],
  description:
    "Our eMSP issued a driver's invoice (or a credit note) for a CDR received from a CPO, one per " +
    'CDR, numbered gap-free per eMSP party; ocpi-emsp shows it in the driver API. Keyed by invoiceId.',
  example: {
    invoiceId: '9d4b2e71-0a3c-4c5f-b8e6-17f2a9c0d5e4',
    invoiceNumber: 'VLE-2025-000123',
    driverId: 'DRV-000042',
    kind: 'INVOICE',
    emspCountryCode: 'NL',
    emspPartyId: 'VLE',
    tokenUid: '04A2B3C4D5E6F7',
    contractId: 'NL-VLE-C00000042-X',
    currency: 'EUR',
    totalExclVat: 9.9,
    totalVat: 2.08,
    totalInclVat: 11.98,
    lines: [
      {
        cdrId: 'CDR-2025-0314-000017',
        cpoCountryCode: 'NL',
        cpoPartyId: 'VLT',
        description: 'Energy 22.65 kWh, 14 Mar 2025, NL*VLT*E1*1',
        amountExclVat: 9.4,
        vatRatePercent: 21,
        amountInclVat: 11.37,
        dimension: 'ENERGY',
        quantity: 22.65,
        unit: 'kWh',
      },
      {
        cdrId: 'CDR-2025-0314-000017',
        cpoCountryCode: 'NL',
        cpoPartyId: 'VLT',
        description: 'Start fee',
        amountExclVat: 0.5,
        vatRatePercent: 21,
        amountInclVat: 0.61,
        dimension: 'FLAT',
        quantity: 1,
        unit: 'pcs',
      },
    ],
    issuedAt: '2025-04-01T06:00:00Z',
  },
});
