import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import type { MeterValuesReq16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { flattenMeterValues, meterValuesEventData } from '../domain/sampled-values';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

/** At most this many sampled values per event (the contract's bound); more are split. */
const MAX_VALUES_PER_EVENT = 2000;

/** MeterValues: every sampled value, flattened, in ocpp.meter-values.received (Kafka-acked). */
@Injectable()
export class MeterValuesHandler implements StationCallHandler<MeterValuesReq16, object> {
  readonly action = 'MeterValues';

  constructor(private readonly publisher: OcppEventPublisher) {}

  async handle(ctx: StationCallContext, req: MeterValuesReq16): Promise<object> {
    const values = flattenMeterValues(req.meterValue);
    for (let i = 0; i < values.length; i += MAX_VALUES_PER_EVENT) {
      await this.publisher.publishAcked(
        Topics.OcppMeterValuesReceived,
        meterValuesEventData(
          ctx.session.stationId,
          req.connectorId,
          req.transactionId,
          values.slice(i, i + MAX_VALUES_PER_EVENT),
        ),
        ctx.correlationId,
        { contractCheck: 'by-construction' },
      );
    }
    return {};
  }
}
