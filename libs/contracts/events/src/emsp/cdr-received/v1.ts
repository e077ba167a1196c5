import { Type } from 'class-transformer';
import { IsBoolean, IsNumber, IsObject, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsPrintableAscii,
  IsUtcDateTime,
  PriceV1,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** Our eMSP received a CDR from a CPO (any CPO, our own included). */
export class EmspCdrReceivedV1 {
  /** OCPI CDR `id` (unique per CPO): `CiString(39)`, credit CDR ids may exceed 36 characters. */
  @IsPrintableAscii(39)
  cdrId: string;

  /** The CPO that sent it. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** OCPI `session_id`, when the CPO sent one. */
  @IsOptionalField()
  @IsOcpiId()
  sessionId?: string;

  /** Our token (`cdr_token.uid`). */
  @IsOcpiId()
  tokenUid: string;

  /**
   * The driver account in ocpi-emsp that holds the token, when the token belongs to one
   * (optional, added for cdr-billing's invoices; invoices without it carry only the token).
   */
  @IsOptionalField()
  @IsPrintableAscii(64)
  driverId?: string;

  @IsCurrencyCode()
  currency: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalCost: PriceV1;

  /** OCPI `total_energy`, kWh as sent by the CPO. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  totalEnergyKwh: number;

  @IsUtcDateTime()
  startDateTime: string;

  @IsUtcDateTime()
  endDateTime: string;

  @IsBoolean()
  credit: boolean;

  @IsUtcDateTime()
  receivedAt: string;

  /** The OCPI 2.2.1 CDR object as received. */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'cdrId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 CDR object', additionalProperties: true })
  cdr: Record<string, unknown>;
}

export const EmspCdrReceivedV1Definition = defineEvent({
  topic: Topics.EmspCdrReceived,
  schemaVersion: 1,
  dataClass: EmspCdrReceivedV1,
  keyField: 'cdrId',
  producers: ['ocpi-emsp'],
  consumers: ['cdr-billing', 'internal-subscribers'],
  description:
    'Our eMSP accepted a CDR POSTed by a CPO (our own CPO included, over OCPI like any partner); ' +
    "cdr-billing puts it on the driver's next invoice. Keyed by the CDR id.",
  example: {
    cdrId: 'CDR-2025-0314-000017',
    countryCode: 'NL',
    partyId: 'VLT',
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    tokenUid: '04A2B3C4D5E6F7',
    currency: 'EUR',
    totalCost: { exclVat: 8.8335, inclVat: 10.6885 },
    totalEnergyKwh: 22.65,
    startDateTime: '2025-03-14T09:31:00Z',
    endDateTime: '2025-03-14T10:58:41Z',
    credit: false,
    receivedAt: '2025-03-14T10:58:44.870Z',
    cdr: {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'CDR-2025-0314-000017',
      start_date_time: '2025-03-14T09:31:00Z',
      end_date_time: '2025-03-14T10:58:41Z',
      currency: 'EUR',
      total_cost: { excl_vat: 8.8335, incl_vat: 10.6885 },
      total_energy: 22.65,
      total_time: 1.4614,
      last_updated: '2025-03-14T10:58:42Z',
    },
  },
});
