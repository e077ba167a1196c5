import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, Min, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsUtcDateTime,
  OcpiChangeKinds,
  OcpiSessionStatuses,
  PriceV1,
  type OcpiChangeKind,
  type OcpiSessionStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A CPO PUT or PATCHed one of our drivers' sessions. */
export class EmspSessionUpdatedV1 {
  /** OCPI Session `id` (unique per CPO). */
  @IsOcpiId()
  sessionId: string;

  /** The CPO. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsIn(OcpiSessionStatuses)
  status: OcpiSessionStatus;

  /** Our token (`cdr_token.uid`). */
  @IsOcpiId()
  tokenUid: string;

  /** OCPI `kwh` so far. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  energyKwh: number;

  @IsCurrencyCode()
  currency: string;

  /** OCPI `total_cost`, when the CPO sent one. */
  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalCost?: PriceV1;

  @IsIn(OcpiChangeKinds)
  changeKind: OcpiChangeKind;

  /** OCPI `last_updated` of the session; consumers drop updates older than what they hold. */
  @IsUtcDateTime()
  lastUpdated: string;

  @IsUtcDateTime()
  receivedAt: string;

  /** The OCPI 2.2.1 Session object after applying the CPO's PUT/PATCH. */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object (merged)', additionalProperties: true })
  session: Record<string, unknown>;
}

export const EmspSessionUpdatedV1Definition = defineEvent({
  topic: Topics.EmspSessionUpdated,
  schemaVersion: 1,
  dataClass: EmspSessionUpdatedV1,
  keyField: 'sessionId',
  producers: ['ocpi-emsp'],
  consumers: ['internal-subscribers'],
  description:
    "A CPO created or changed one of our drivers' sessions (OCPI PUT/PATCH); carries the merged " +
    'session for the driver API and internal services. Keyed by the OCPI session id.',
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    status: 'ACTIVE',
    tokenUid: '04A2B3C4D5E6F7',
    energyKwh: 3.51,
    currency: 'EUR',
    totalCost: { exclVat: 1.3689, inclVat: 1.6564 },
    changeKind: 'PATCH',
    lastUpdated: '2025-03-14T09:46:00Z',
    receivedAt: '2025-03-14T09:46:01.230Z',
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
      start_date_time: '2025-03-14T09:31:00Z',
      kwh: 3.51,
      cdr_token: { country_code: 'DE', party_id: 'VLE', uid: '04A2B3C4D5E6F7', type: 'RFID' },
      currency: 'EUR',
      total_cost: { excl_vat: 1.3689, incl_vat: 1.6564 },
      status: 'ACTIVE',
      last_updated: '2025-03-14T09:46:00Z',
    },
  },
});
