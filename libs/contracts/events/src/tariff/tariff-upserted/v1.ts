import { IsObject } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsUtcDateTime,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A tariff of our CPO was created or changed. */
export class TariffUpsertedV1 {
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsOcpiId()
  tariffId: string;

  @IsCurrencyCode()
  currency: string;

  @IsUtcDateTime()
  lastUpdated: string;

  /** The full OCPI 2.2.1 Tariff object. */
  @IsObject()
  @IsConsistentOcpiObject({
    id: 'tariffId',
    country_code: 'countryCode',
    party_id: 'partyId',
    currency: 'currency',
  })
  @JSONSchema({ description: 'OCPI 2.2.1 Tariff object', additionalProperties: true })
  tariff: Record<string, unknown>;
}

export const TariffUpsertedV1Definition = defineEvent({
  topic: Topics.TariffUpserted,
  schemaVersion: 1,
  dataClass: TariffUpsertedV1,
  keyField: 'tariffId',
  producers: ['tariff-rating'],
  consumers: ['ocpi-cpo', 'cdr-billing'],
  description:
    'A tariff was created or changed in tariff-rating; ocpi-cpo pushes it to the eMSPs it applies ' +
    'to; cdr-billing keeps every version for the `tariffs` of CDRs. Upserts and deletes are ' +
    'different topics: order them by lastUpdated / deletedAt.',
  example: {
    countryCode: 'NL',
    partyId: 'VLT',
    tariffId: 'TARIFF-AC-STANDARD',
    currency: 'EUR',
    lastUpdated: '2025-02-01T00:00:00Z',
    tariff: {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'TARIFF-AC-STANDARD',
      currency: 'EUR',
      elements: [
        { price_components: [{ type: 'ENERGY', price: 0.39, vat: 21.0, step_size: 1 }] },
        {
          price_components: [{ type: 'PARKING_TIME', price: 2.0, vat: 21.0, step_size: 60 }],
          restrictions: { min_duration: 14400 },
        },
      ],
      last_updated: '2025-02-01T00:00:00Z',
    },
  },
});
