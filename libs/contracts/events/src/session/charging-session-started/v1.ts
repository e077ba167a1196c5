import { IsIn, IsInt, IsObject, IsUUID, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsTransactionId,
  IsUtcDateTime,
  OcpiAuthMethods,
  OcpiTokenTypes,
  type OcpiAuthMethod,
  type OcpiTokenType,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** session-engine opened a charging session for an OCPP transaction. */
export class ChargingSessionStartedV1 {
  /** Session id (uuid), also the OCPI Session `id`. */
  @IsUUID()
  sessionId: string;

  /** Our CPO (OCPI `country_code` of the Session). */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** Session revision: 1 at start, +1 with every update; consumers ignore older revisions. */
  @IsInt()
  @Min(1)
  revision: number;

  @IsStationId()
  stationId: string;

  @IsInt()
  @Min(1)
  connectorId: number;

  @IsTransactionId()
  transactionId: string;

  /** OCPI location / EVSE, when the station is mapped to one. */
  @IsOptionalField()
  @IsOcpiId()
  locationId?: string;

  @IsOptionalField()
  @IsOcpiId()
  evseUid?: string;

  @IsOcpiId()
  tokenUid: string;

  @IsIn(OcpiTokenTypes)
  tokenType: OcpiTokenType;

  /** The token's eMSP; absent for tokens of no roaming partner. */
  @IsOptionalField()
  @IsOcpiCountryCode()
  emspCountryCode?: string;

  @IsOptionalField()
  @IsOcpiPartyId()
  emspPartyId?: string;

  @IsIn(OcpiAuthMethods)
  authMethod: OcpiAuthMethod;

  @IsOptionalField()
  @IsOcpiId()
  authorizationReference?: string;

  @IsInt()
  @Min(0)
  meterStartWh: number;

  @IsUtcDateTime()
  startedAt: string;

  /** The OCPI 2.2.1 Session object as it is PUT to the eMSP. */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object', additionalProperties: true })
  session: Record<string, unknown>;
}

export const ChargingSessionStartedV1Definition = defineEvent({
  topic: Topics.SessionStarted,
  schemaVersion: 1,
  dataClass: ChargingSessionStartedV1,
  keyField: 'sessionId',
  producers: ['session-engine'],
  consumers: ['tariff-rating', 'ocpi-cpo', 'cdr-billing'],
  description:
    'A charging session started (from ocpp.transaction.started). ocpi-cpo PUTs the OCPI Session ' +
    "to the token's eMSP; tariff-rating selects the tariff. Keyed by sessionId.",
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 1,
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    transactionId: '100017',
    locationId: 'LOC-AMS-0001',
    evseUid: 'EVSE-0042-1',
    tokenUid: '04A2B3C4D5E6F7',
    tokenType: 'RFID',
    emspCountryCode: 'DE',
    emspPartyId: 'VLE',
    authMethod: 'AUTH_REQUEST',
    authorizationReference: 'AUTH-9Q2M-7F3K',
    meterStartWh: 1_254_300,
    startedAt: '2025-03-14T09:31:00.000Z',
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
      start_date_time: '2025-03-14T09:31:00Z',
      kwh: 0,
      cdr_token: {
        country_code: 'DE',
        party_id: 'VLE',
        uid: '04A2B3C4D5E6F7',
        type: 'RFID',
        contract_id: 'DE-VLE-C12345678-X',
      },
      auth_method: 'AUTH_REQUEST',
      authorization_reference: 'AUTH-9Q2M-7F3K',
      location_id: 'LOC-AMS-0001',
      evse_uid: 'EVSE-0042-1',
      connector_id: '1',
      currency: 'EUR',
      status: 'ACTIVE',
      last_updated: '2025-03-14T09:31:00Z',
    },
  },
});
