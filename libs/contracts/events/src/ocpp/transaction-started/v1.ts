import { IsIn, IsInt, Min } from 'class-validator';
import {
  AuthorizationStatuses,
  IsIdTag,
  IsOptionalField,
  IsStationId,
  IsTransactionId,
  IsUtcDateTime,
  type AuthorizationStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** StartTransaction: the gateway assigned a transactionId and answered the station. */
export class TransactionStartedV1 {
  @IsStationId()
  stationId: string;

  @IsInt()
  @Min(1)
  connectorId: number;

  /** OCPP 2.0.1 EVSE id; absent for OCPP 1.6 stations. */
  @IsOptionalField()
  @IsInt()
  @Min(1)
  evseId?: number;

  /** The token the station presented (OCPP 1.6 `idTag`). Never log it in clear. */
  @IsIdTag()
  idTag: string;

  /** The gateway's `idTagInfo.status` in StartTransaction.conf (a station may start offline). */
  @IsIn(AuthorizationStatuses)
  idTagStatus: AuthorizationStatus;

  /** Meter register at start, Wh. */
  @IsInt()
  @Min(0)
  meterStartWh: number;

  /** Start time reported by the station, UTC. */
  @IsUtcDateTime()
  timestamp: string;

  /** Transaction id assigned by the gateway (unique across replicas), as a string. */
  @IsTransactionId()
  transactionId: string;

  @IsOptionalField()
  @IsInt()
  reservationId?: number;
}

export const TransactionStartedV1Definition = defineEvent({
  topic: Topics.OcppTransactionStarted,
  schemaVersion: 1,
  dataClass: TransactionStartedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['session-engine'],
  description:
    'StartTransaction accepted by the gateway, which assigned the transactionId. Published before ' +
    'the station gets its answer; a station retry yields the same transactionId (same fact).',
  example: {
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    idTag: '04A2B3C4D5E6F7',
    idTagStatus: 'Accepted',
    meterStartWh: 1_254_300,
    timestamp: '2025-03-14T09:31:00.000Z',
    transactionId: '100017',
  },
});
