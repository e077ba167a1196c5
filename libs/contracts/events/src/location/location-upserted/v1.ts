import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsTimeZone,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsPrintableAscii,
  IsStationId,
  IsUtcDateTime,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** Which OCPP connector of which station is which OCPI connector of which EVSE. */
export class ConnectorMappingV1 {
  @IsStationId()
  stationId: string;

  @IsInt()
  @Min(1)
  ocppConnectorId: number;

  /** OCPI EVSE `uid`. */
  @IsOcpiId()
  evseUid: string;

  /** OCPI EVSE `evse_id` (eMI3), e.g. `NL*VLT*E0042*1`. */
  @IsOptionalField()
  @IsPrintableAscii(48)
  evseId?: string;

  /** OCPI connector `id`. */
  @IsOcpiId()
  connectorId: string;
}

/** Our CPO's location (with EVSEs and connectors) was created or changed. */
export class LocationUpsertedV1 {
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsOcpiId()
  locationId: string;

  /** OCPI `publish`: whether the location may be shown to drivers. */
  @IsBoolean()
  publish: boolean;

  /** OCPI `time_zone` (IANA), needed for time-of-day tariffs. */
  @IsTimeZone()
  timeZone: string;

  @IsUtcDateTime()
  lastUpdated: string;

  /** Station ↔ EVSE map for the gateway and session-engine; may be empty. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConnectorMappingV1)
  connectorMappings: ConnectorMappingV1[];

  /** The full OCPI 2.2.1 Location object (with EVSEs and connectors). */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'locationId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Location object', additionalProperties: true })
  location: Record<string, unknown>;
}

export const LocationUpsertedV1Definition = defineEvent({
  topic: Topics.LocationUpserted,
  schemaVersion: 1,
  dataClass: LocationUpsertedV1,
  keyField: 'locationId',
  producers: ['ocpi-cpo'],
  consumers: ['ocpp-gateway', 'session-engine', 'tariff-rating'],
  description:
    "Our CPO's location master data changed (including EVSEs, connectors and the station ↔ EVSE " +
    'map). Always the full location; keyed by location id.',
  example: {
    countryCode: 'NL',
    partyId: 'VLT',
    locationId: 'LOC-AMS-0001',
    publish: true,
    timeZone: 'Europe/Amsterdam',
    lastUpdated: '2025-03-10T12:00:00Z',
    connectorMappings: [
      {
        stationId: 'CP-AMS-0042',
        ocppConnectorId: 1,
        evseUid: 'EVSE-0042-1',
        evseId: 'NL*VLT*E0042*1',
        connectorId: '1',
      },
    ],
    location: {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'LOC-AMS-0001',
      publish: true,
      name: 'Voltlane Amsterdam Zuidas',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [
        {
          uid: 'EVSE-0042-1',
          evse_id: 'NL*VLT*E0042*1',
          status: 'AVAILABLE',
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2',
              format: 'SOCKET',
              power_type: 'AC_3_PHASE',
              max_voltage: 230,
              max_amperage: 32,
              last_updated: '2025-03-10T12:00:00Z',
            },
          ],
          last_updated: '2025-03-10T12:00:00Z',
        },
      ],
      last_updated: '2025-03-10T12:00:00Z',
    },
  },
});
