import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsUUID,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsUtcDateTime,
  PriceV1,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** cdr-billing created an immutable CDR (or a credit CDR) for a rated session. */
@JSONSchema(
  (schema) =>
    ({
      ...schema,
      if: { properties: { credit: { const: true } }, required: ['credit'] },
      then: { required: ['creditReferenceId'] },
    }) as typeof schema,
)
export class CdrCreatedV1 {
  /** OCPI CDR `id`. */
  @IsOcpiId()
  cdrId: string;

  @IsUUID()
  sessionId: string;

  /** Our CPO. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** The eMSP that receives the CDR (owner of the token). */
  @IsOcpiCountryCode()
  emspCountryCode: string;

  @IsOcpiPartyId()
  emspPartyId: string;

  @IsCurrencyCode()
  currency: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalCost: PriceV1;

  @IsInt()
  @Min(0)
  totalEnergyWh: number;

  @IsUtcDateTime()
  startDateTime: string;

  @IsUtcDateTime()
  endDateTime: string;

  /** OCPI `credit`: this CDR credits (cancels) an earlier one. */
  @IsBoolean()
  credit: boolean;

  /** OCPI `credit_reference_id`; required when `credit` is true. */
  @ValidateIf((cdr: CdrCreatedV1, value: unknown) => cdr.credit === true || value !== undefined)
  @IsOcpiId()
  creditReferenceId?: string;

  /** The full OCPI 2.2.1 CDR object as it is POSTed to the eMSP. */
  @IsObject()
  @IsConsistentOcpiObject({
    id: 'cdrId',
    country_code: 'countryCode',
    party_id: 'partyId',
    currency: 'currency',
  })
  @JSONSchema({ description: 'OCPI 2.2.1 CDR object', additionalProperties: true })
  cdr: Record<string, unknown>;
}

export const CdrCreatedV1Definition = defineEvent({
  topic: Topics.CdrCreated,
  schemaVersion: 1,
  dataClass: CdrCreatedV1,
  keyField: 'cdrId',
  producers: ['cdr-billing'],
  consumers: ['ocpi-cpo'],
  description:
    'An immutable CDR (or credit CDR) was created for a rated session; ocpi-cpo POSTs it to the ' +
    "token's eMSP through its retrying push queue. Keyed by cdrId.",
  example: {
    cdrId: 'CDR-2025-0314-000017',
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    emspCountryCode: 'DE',
    emspPartyId: 'VLE',
    currency: 'EUR',
    totalCost: { exclVat: 8.8335, inclVat: 10.6885 },
    totalEnergyWh: 22_650,
    startDateTime: '2025-03-14T09:31:00Z',
    endDateTime: '2025-03-14T10:58:41Z',
    credit: false,
    cdr: {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'CDR-2025-0314-000017',
      start_date_time: '2025-03-14T09:31:00Z',
      end_date_time: '2025-03-14T10:58:41Z',
      session_id: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
      auth_method: 'AUTH_REQUEST',
      currency: 'EUR',
      total_cost: { excl_vat: 8.8335, incl_vat: 10.6885 },
      total_energy: 22.65,
      total_time: 1.4614,
      last_updated: '2025-03-14T10:58:42Z',
    },
  },
});
