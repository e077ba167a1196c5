import { IsOcpiCountryCode, IsOcpiId, IsOcpiPartyId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A tariff of our CPO was removed. */
export class TariffDeletedV1 {
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsOcpiId()
  tariffId: string;

  @IsUtcDateTime()
  deletedAt: string;
}

export const TariffDeletedV1Definition = defineEvent({
  topic: Topics.TariffDeleted,
  schemaVersion: 1,
  dataClass: TariffDeletedV1,
  keyField: 'tariffId',
  producers: ['tariff-rating'],
  consumers: ['ocpi-cpo'],
  description:
    'A tariff was deleted; ocpi-cpo sends the OCPI DELETE to the eMSPs that received it. Sessions ' +
    'already priced with it keep their price.',
  example: {
    countryCode: 'NL',
    partyId: 'VLT',
    tariffId: 'TARIFF-AC-STANDARD',
    deletedAt: '2025-06-30T22:00:00Z',
  },
});
