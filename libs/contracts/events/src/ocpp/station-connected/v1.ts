import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import { IsStationId, IsUtcDateTime, OcppProtocols, type OcppProtocol } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A station opened an OCPP WebSocket to a gateway replica. */
export class StationConnectedV1 {
  @IsStationId()
  stationId: string;

  /** Id of this WebSocket connection; `disconnected` names it, so a late disconnect of an older
   *  connection (after a reconnect to another replica) can be recognised and ignored. */
  @IsUUID('4')
  connectionId: string;

  /** The gateway replica that holds the socket (commands for the station are routed there). */
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  gatewayInstanceId: string;

  /** The negotiated WebSocket subprotocol. */
  @IsIn(OcppProtocols)
  ocppProtocol: OcppProtocol;

  @IsUtcDateTime()
  connectedAt: string;
}

export const StationConnectedV1Definition = defineEvent({
  topic: Topics.OcppStationConnected,
  schemaVersion: 1,
  dataClass: StationConnectedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo', 'session-engine'],
  description:
    'A charging station opened its OCPP WebSocket on a gateway replica. Keyed by stationId, so a ' +
    "station's connect/boot/status/transaction events stay in order.",
  example: {
    stationId: 'CP-AMS-0042',
    connectionId: '3f0c2a4e-8b1d-4f6a-9c2e-7d5b1a0e4c93',
    gatewayInstanceId: 'ocpp-gateway-7c9f6d5b8-x2k4q',
    ocppProtocol: 'ocpp1.6',
    connectedAt: '2025-03-14T09:26:53.589Z',
  },
});
