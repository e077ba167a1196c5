import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Min, ValidateNested } from 'class-validator';
import {
  IsIdTag,
  IsOptionalField,
  IsStationId,
  IsTransactionId,
  IsUtcDateTime,
  OcppSampledValueV1,
  StopReasons,
  type StopReason,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** StopTransaction: the final meter reading of a transaction. */
export class TransactionStoppedV1 {
  @IsStationId()
  stationId: string;

  @IsTransactionId()
  transactionId: string;

  /** From the gateway's transaction record (StopTransaction itself carries no connector). */
  @IsOptionalField()
  @IsInt()
  @Min(1)
  connectorId?: number;

  /** The token presented to stop, when the station sent one. */
  @IsOptionalField()
  @IsIdTag()
  idTag?: string;

  /** Meter register at stop, Wh. */
  @IsInt()
  @Min(0)
  meterStopWh: number;

  /** Stop time reported by the station, UTC. */
  @IsUtcDateTime()
  timestamp: string;

  /** Stop reason; the OCPP default `Local` is filled in when the station sent none. */
  @IsIn(StopReasons)
  reason: StopReason;

  /** `transactionData` of StopTransaction, flattened like `ocpp.meter-values.received`. */
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => OcppSampledValueV1)
  transactionData?: OcppSampledValueV1[];
}

export const TransactionStoppedV1Definition = defineEvent({
  topic: Topics.OcppTransactionStopped,
  schemaVersion: 1,
  dataClass: TransactionStoppedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['session-engine'],
  description:
    'StopTransaction from a station with the final meter reading (and transactionData). May ' +
    'arrive late after a reconnect; session-engine completes the session idempotently.',
  example: {
    stationId: 'CP-AMS-0042',
    transactionId: '100017',
    connectorId: 1,
    idTag: '04A2B3C4D5E6F7',
    meterStopWh: 1_276_950,
    timestamp: '2025-03-14T10:58:41.000Z',
    reason: 'EVDisconnected',
    transactionData: [
      {
        timestamp: '2025-03-14T10:58:41.000Z',
        value: 1_276_950,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
        context: 'Transaction.End',
        location: 'Outlet',
      },
    ],
  },
});
