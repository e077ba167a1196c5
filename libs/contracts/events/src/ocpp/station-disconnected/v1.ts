import { IsIn, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsOptionalField, IsStationId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

export const DisconnectReasons = [
  'closed-by-station',
  'closed-by-gateway',
  'heartbeat-timeout',
  'replaced-by-new-connection',
  'gateway-shutdown',
  'protocol-error',
] as const;
export type DisconnectReason = (typeof DisconnectReasons)[number];

/** A station's OCPP WebSocket closed. */
export class StationDisconnectedV1 {
  @IsStationId()
  stationId: string;

  /** The connection that closed (see `ocpp.station.connected`). */
  @IsUUID('4')
  connectionId: string;

  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  gatewayInstanceId: string;

  @IsIn(DisconnectReasons)
  reason: DisconnectReason;

  /** WebSocket close code, when a close frame was exchanged. */
  @IsOptionalField()
  @IsInt()
  @Min(1000)
  @Max(4999)
  closeCode?: number;

  @IsUtcDateTime()
  disconnectedAt: string;
}

export const StationDisconnectedV1Definition = defineEvent({
  topic: Topics.OcppStationDisconnected,
  schemaVersion: 1,
  dataClass: StationDisconnectedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo', 'session-engine'],
  description:
    "A station's OCPP WebSocket closed. Consumers compare connectionId with the last connect: a " +
    'disconnect of an older connection after a reconnect elsewhere is stale.',
  example: {
    stationId: 'CP-AMS-0042',
    connectionId: '3f0c2a4e-8b1d-4f6a-9c2e-7d5b1a0e4c93',
    gatewayInstanceId: 'ocpp-gateway-7c9f6d5b8-x2k4q',
    reason: 'heartbeat-timeout',
    disconnectedAt: '2025-03-14T11:02:10.004Z',
  },
});
