import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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

/** One invoiced CDR. */
export class InvoiceLineV1 {
  /** The CDR received from the CPO (OCPI id, unique per CPO). */
  @IsOcpiId()
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
}

/** Our eMSP invoiced a driver. */
export class InvoiceIssuedV1 {
  @IsUUID()
  invoiceId: string;

  /** The legal, sequential invoice number. */
  @IsPrintableAscii(64)
  invoiceNumber: string;

  /** The driver account in ocpi-emsp. */
  @IsPrintableAscii(64)
  driverId: string;

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
    "Our eMSP issued a driver's invoice for CDRs received from CPOs; ocpi-emsp shows it in the " +
    'driver API. Keyed by invoiceId.',
  example: {
    invoiceId: '9d4b2e71-0a3c-4c5f-b8e6-17f2a9c0d5e4',
    invoiceNumber: 'VLE-2025-000123',
    driverId: 'DRV-000042',
    currency: 'EUR',
    totalExclVat: 9.9,
    totalVat: 2.08,
    totalInclVat: 11.98,
    lines: [
      {
        cdrId: 'CDR-2025-0314-000017',
        cpoCountryCode: 'NL',
        cpoPartyId: 'VLT',
        description: 'Charging 14 Mar 2025, Amsterdam Zuidas, 22.65 kWh',
        amountExclVat: 9.9,
        vatRatePercent: 21,
        amountInclVat: 11.98,
      },
    ],
    issuedAt: '2025-04-01T06:00:00Z',
    dueAt: '2025-04-15T06:00:00Z',
  },
});
