import { IsIn, IsInt, Min } from 'class-validator';
import {
  ConnectorErrorCodes,
  ConnectorStatuses,
  IsOptionalField,
  IsPrintableAscii,
  IsStationId,
  IsUtcDateTime,
  type ConnectorErrorCode,
  type ConnectorStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** StatusNotification: a connector (or, with connectorId 0, the whole station) changed status. */
export class ConnectorStatusChangedV1 {
  @IsStationId()
  stationId: string;

  /** OCPP connector id; 0 means the station as a whole (OCPP 1.6). */
  @IsInt()
  @Min(0)
  connectorId: number;

  /** OCPP 2.0.1 EVSE id; absent for OCPP 1.6 stations. */
  @IsOptionalField()
  @IsInt()
  @Min(0)
  evseId?: number;

  @IsIn(ConnectorStatuses)
  status: ConnectorStatus;

  /** OCPP 1.6 error code; absent for OCPP 2.0.1 stations. */
  @IsOptionalField()
  @IsIn(ConnectorErrorCodes)
  errorCode?: ConnectorErrorCode;

  @IsOptionalField()
  @IsPrintableAscii(50)
  info?: string;

  @IsOptionalField()
  @IsPrintableAscii(255)
  vendorId?: string;

  @IsOptionalField()
  @IsPrintableAscii(50)
  vendorErrorCode?: string;

  /** The status time reported by the station, or the receive time when it sent none. */
  @IsUtcDateTime()
  timestamp: string;
}

export const ConnectorStatusChangedV1Definition = defineEvent({
  topic: Topics.OcppConnectorStatusChanged,
  schemaVersion: 1,
  dataClass: ConnectorStatusChangedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo', 'session-engine'],
  description:
    'StatusNotification from a station: a connector (connectorId 0: the whole station) changed ' +
    'status. Consumers order by timestamp within a station; ocpi-cpo pushes the EVSE status.',
  example: {
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    status: 'Charging',
    errorCode: 'NoError',
    timestamp: '2025-03-14T09:31:02.000Z',
  },
});
