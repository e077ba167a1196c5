import { IsIn, IsInt, IsObject, IsUUID, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsUtcDateTime,
  OcpiAuthMethods,
  OcpiTokenTypes,
  type OcpiAuthMethod,
  type OcpiTokenType,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * session-engine opened an OCPI Session in status PENDING for a remote start: the station was asked
 * to start (RemoteStartTransaction) and has not started yet. When it starts, the same `sessionId`
 * continues on `session.charging-session.started` (a higher revision, status ACTIVE); when it does
 * not, `session.charging-session.invalidated` ends it (INVALID, never billed).
 */
export class ChargingSessionPendingV1 {
  /** Session id (uuid), also the OCPI Session `id`. */
  @IsUUID()
  sessionId: string;

  /** Our CPO. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** 1 for a new pending session; the started / invalidated event of the session is higher. */
  @IsInt()
  @Min(1)
  revision: number;

  @IsStationId()
  stationId: string;

  /** OCPP connector the start was requested for; absent when the station may choose. */
  @IsOptionalField()
  @IsInt()
  @Min(1)
  connectorId?: number;

  /** The `ocpp.command.requested` that asked for the start. */
  @IsUUID()
  commandId: string;

  @IsOcpiId()
  tokenUid: string;

  @IsIn(OcpiTokenTypes)
  tokenType: OcpiTokenType;

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

  @IsOptionalField()
  @IsOcpiId()
  locationId?: string;

  @IsOptionalField()
  @IsOcpiId()
  evseUid?: string;

  /** When the pending session was created (its OCPI `start_date_time` until it starts). */
  @IsUtcDateTime()
  createdAt: string;

  /** The OCPI 2.2.1 Session object (status PENDING) as it is PUT to the eMSP. */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object', additionalProperties: true })
  session: Record<string, unknown>;
}

export const ChargingSessionPendingV1Definition = defineEvent({
  topic: Topics.SessionPending,
  schemaVersion: 1,
  dataClass: ChargingSessionPendingV1,
  keyField: 'sessionId',
  producers: ['session-engine'],
  consumers: ['ocpi-cpo'],
  description:
    'A remote-started session is PENDING until its station starts the transaction (then it ' +
    'continues, same sessionId, on session.charging-session.started). ocpi-cpo PUTs the OCPI Session.',
  example: {
    sessionId: '0c5e8e4e-2d6b-5f1a-9c3e-7b2a4d6f8e10',
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 1,
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
    tokenUid: 'APP-7F3K9Q2M',
    tokenType: 'APP_USER',
    emspCountryCode: 'DE',
    emspPartyId: 'VLE',
    authMethod: 'COMMAND',
    authorizationReference: 'AUTH-9Q2M-7F3K',
    locationId: 'LOC-AMS-0001',
    evseUid: 'EVSE-0042-1',
    createdAt: '2025-03-14T09:30:41.512Z',
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '0c5e8e4e-2d6b-5f1a-9c3e-7b2a4d6f8e10',
      start_date_time: '2025-03-14T09:30:41Z',
      kwh: 0,
      cdr_token: {
        country_code: 'DE',
        party_id: 'VLE',
        uid: 'APP-7F3K9Q2M',
        type: 'APP_USER',
        contract_id: 'DE-VLE-C12345678-X',
      },
      auth_method: 'COMMAND',
      authorization_reference: 'AUTH-9Q2M-7F3K',
      location_id: 'LOC-AMS-0001',
      evse_uid: 'EVSE-0042-1',
      connector_id: '1',
      currency: 'EUR',
      status: 'PENDING',
      last_updated: '2025-03-14T09:30:41Z',
    },
  },
});
