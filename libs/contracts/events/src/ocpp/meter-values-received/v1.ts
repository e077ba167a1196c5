import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Min, ValidateNested } from 'class-validator';
import { IsOptionalField, IsStationId, IsTransactionId, OcppSampledValueV1 } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** MeterValues: one message from a station, its sampled values flattened. */
export class MeterValuesReceivedV1 {
  @IsStationId()
  stationId: string;

  /** 0 = main meter of the station. */
  @IsInt()
  @Min(0)
  connectorId: number;

  /** Present when the values belong to a transaction. */
  @IsOptionalField()
  @IsTransactionId()
  transactionId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => OcppSampledValueV1)
  sampledValues: OcppSampledValueV1[];
}

export const MeterValuesReceivedV1Definition = defineEvent({
  topic: Topics.OcppMeterValuesReceived,
  schemaVersion: 1,
  dataClass: MeterValuesReceivedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['session-engine'],
  description:
    'MeterValues from a station (acknowledged to the station only after Kafka acknowledged this ' +
    'event). Keyed by stationId so values stay between the start and stop of their transaction.',
  example: {
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    transactionId: '100017',
    sampledValues: [
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 1_257_810,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
        context: 'Sample.Periodic',
        location: 'Outlet',
      },
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 14_180,
        measurand: 'Power.Active.Import',
        unit: 'W',
        context: 'Sample.Periodic',
        location: 'Outlet',
      },
      {
        timestamp: '2025-03-14T09:46:00.000Z',
        value: 230.4,
        measurand: 'Voltage',
        unit: 'V',
        context: 'Sample.Periodic',
        location: 'Outlet',
        phase: 'L1-N',
      },
    ],
  },
});
