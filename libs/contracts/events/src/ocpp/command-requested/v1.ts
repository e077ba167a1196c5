import { IsIn, IsObject, IsUUID } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsOptionalField,
  IsPrintableAscii,
  IsServiceName,
  IsStationId,
  IsUtcDateTime,
  OcppCommands,
  type OcppCommand,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

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
}

export const CommandRequestedV1Definition = defineEvent({
  topic: Topics.OcppCommandRequested,
  schemaVersion: 1,
  dataClass: CommandRequestedV1,
  keyField: 'stationId',
  producers: ['ocpi-cpo'],
  consumers: ['ocpp-gateway'],
  description:
    'Request to send an OCPP call (RemoteStartTransaction, UnlockConnector, ...) to a station. ' +
    'The gateway replica holding the station socket sends it; others ignore it.',
  example: {
    commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
    stationId: 'CP-AMS-0042',
    command: 'RemoteStartTransaction',
    payload: { connectorId: 1, idTag: 'APP-7F3K9Q2M' },
    requester: 'ocpi-cpo',
    requesterReference: 'ocpi-command-2025-000731',
    requestedAt: '2025-03-14T09:30:41.250Z',
    expiresAt: '2025-03-14T09:31:41.250Z',
  },
});
