import { Type } from 'class-transformer';
import { IsIn, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  OcpiTokenTypes,
  type OcpiTokenType,
  IsPrintableAscii,
  IsServiceName,
  IsStationId,
  IsUtcDateTime,
  OcppCommands,
  type OcppCommand,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** The OCPI token (CdrToken fields) a remote start was authorised for. */
export class RemoteStartTokenV1 {
  /** The token's eMSP. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsOcpiId()
  uid: string;

  @IsIn(OcpiTokenTypes)
  type: OcpiTokenType;

  @IsOcpiId()
  contractId: string;
}

/**
 * What an OCPI START_SESSION command adds to a RemoteStartTransaction (schemaVersion 2): the token,
 * the eMSP's `authorization_reference` and the OCPI location / EVSE / connector it was sent for.
 * session-engine opens the OCPI Session in status PENDING from it.
 */
export class OcpiStartSessionV1 {
  @IsObject()
  @ValidateNested()
  @Type(() => RemoteStartTokenV1)
  token: RemoteStartTokenV1;

  @IsOptionalField()
  @IsOcpiId()
  authorizationReference?: string;

  @IsOptionalField()
  @IsOcpiId()
  locationId?: string;

  @IsOptionalField()
  @IsOcpiId()
  evseUid?: string;

  @IsOptionalField()
  @IsOcpiId()
  connectorId?: string;
}

/** A service asks the gateway to send a CSMS-initiated OCPP call to a station. */
export class CommandRequestedV1 {
  /** Id of the command; `ocpp.command.completed` carries it back. */
  @IsUUID('4')
  commandId: string;

  @IsStationId()
  stationId: string;

  @IsIn(OcppCommands)
  command: OcppCommand;

  /** The OCPP request payload (e.g. RemoteStartTransaction.req); the gateway validates it against
   *  the OCPP schemas of the station's protocol version before sending. */
  @IsObject()
  @JSONSchema({ description: 'OCPP request payload of `command`', additionalProperties: true })
  payload: Record<string, unknown>;

  /** Service that asked; it picks its own results out of `ocpp.command.completed`. */
  @IsServiceName()
  requester: string;

  /** Opaque reference of the requester (e.g. the OCPI command's response_url id), echoed back. */
  @IsOptionalField()
  @IsPrintableAscii(255)
  requesterReference?: string;

  @IsUtcDateTime()
  requestedAt: string;

  /** After this instant the gateway does not send the command any more and reports `Timeout`. */
  @IsUtcDateTime()
  expiresAt: string;

  /** schemaVersion 2: set for a RemoteStartTransaction sent for an OCPI START_SESSION. */
  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => OcpiStartSessionV1)
  ocpiStartSession?: OcpiStartSessionV1;
}

export const CommandRequestedV1Definition = defineEvent({
  topic: Topics.OcppCommandRequested,
  // 2: optional `ocpiStartSession` (additive; older data needs nothing filled in).
  schemaVersion: 2,
  upcast: (data) => data,
  dataClass: CommandRequestedV1,
  keyField: 'stationId',
  producers: ['ocpi-cpo'],
  consumers: ['ocpp-gateway', 'session-engine'],
  description:
    'Request to send an OCPP call (RemoteStartTransaction, UnlockConnector, ...) to a station. ' +
    'The gateway replica holding the station socket sends it; others ignore it. session-engine ' +
    'opens a PENDING session for a RemoteStartTransaction.',
  example: {
    commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
    stationId: 'CP-AMS-0042',
    command: 'RemoteStartTransaction',
    payload: { connectorId: 1, idTag: 'APP-7F3K9Q2M' },
    requester: 'ocpi-cpo',
    requesterReference: 'ocpi-command-2025-000731',
    requestedAt: '2025-03-14T09:30:41.250Z',
    expiresAt: '2025-03-14T09:31:41.250Z',
    ocpiStartSession: {
      token: {
        countryCode: 'DE',
        partyId: 'VLE',
        uid: 'APP-7F3K9Q2M',
        type: 'APP_USER',
        contractId: 'DE-VLE-C12345678-X',
      },
      authorizationReference: 'AUTH-9Q2M-7F3K',
      locationId: 'LOC-AMS-0001',
      evseUid: 'EVSE-0042-1',
      connectorId: '1',
    },
  },
});
