import { Injectable } from '@nestjs/common';
import { type MeterValuesReceivedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { BatchTransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEventBatch } from '@voltlane/platform-runtime';
import { RecordMeterValuesUseCase } from '../use-cases/record-meter-values/record-meter-values.use-case';
import { causeOf, SessionTxFactory } from './session-tx.factory';

/** The hot path: a whole chunk of MeterValues events in one set-based use case call. */
@Injectable()
export class MeterValuesReceivedConsumer {
  constructor(
    private readonly recordMeterValues: RecordMeterValuesUseCase,
    private readonly tx: SessionTxFactory,
  ) {}

  @ConsumeEventBatch(Topics.OcppMeterValuesReceived)
  async handle(
    events: InboundEvent<MeterValuesReceivedV1>[],
    scope: BatchTransactionScope,
  ): Promise<void> {
    const commands = events.map((e) => ({ data: e.envelope.data, cause: causeOf(e) }));
    await this.recordMeterValues.execute(commands, this.tx.ofBatch(scope, causeOf(events[0])));
  }
}
