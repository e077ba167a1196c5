import { IsIn, IsObject } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsUtcDateTime,
  OcpiChangeKinds,
  type OcpiChangeKind,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A CPO pushed a location (or one of its EVSEs/connectors) to our eMSP. */
export class EmspLocationUpdatedV1 {
  @IsOcpiId()
  locationId: string;

  /** The CPO. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsIn(OcpiChangeKinds)
  changeKind: OcpiChangeKind;

  /** Set when the push addressed one EVSE (`/locations/{id}/{evse_uid}`). */
  @IsOptionalField()
  @IsOcpiId()
  evseUid?: string;

  /** Set when the push addressed one connector. */
  @IsOptionalField()
  @IsOcpiId()
  connectorId?: string;

  @IsUtcDateTime()
  lastUpdated: string;

  @IsUtcDateTime()
  receivedAt: string;

  /** The whole OCPI 2.2.1 Location after applying the push. */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'locationId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Location object (merged)', additionalProperties: true })
  location: Record<string, unknown>;
}

export const EmspLocationUpdatedV1Definition = defineEvent({
  topic: Topics.EmspLocationUpdated,
  schemaVersion: 1,
  dataClass: EmspLocationUpdatedV1,
  keyField: 'locationId',
  producers: ['ocpi-emsp'],
  consumers: ['internal-subscribers'],
  description:
    'A CPO pushed a location, EVSE or connector (e.g. an EVSE status) to our eMSP; carries the whole ' +
    'merged location. Keyed by the OCPI location id.',
  example: {
    locationId: 'LOC-AMS-0001',
    countryCode: 'NL',
    partyId: 'VLT',
    changeKind: 'PATCH',
    evseUid: 'EVSE-0042-1',
    lastUpdated: '2025-03-14T09:31:02Z',
    receivedAt: '2025-03-14T09:31:03.118Z',
    location: {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'LOC-AMS-0001',
      publish: true,
      name: 'Voltlane Amsterdam Zuidas',
      time_zone: 'Europe/Amsterdam',
      evses: [{ uid: 'EVSE-0042-1', status: 'CHARGING', last_updated: '2025-03-14T09:31:02Z' }],
      last_updated: '2025-03-14T09:31:02Z',
    },
  },
});
