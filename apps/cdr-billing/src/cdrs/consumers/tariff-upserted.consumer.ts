import { Injectable } from '@nestjs/common';
import { type TariffUpsertedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordTariffUseCase } from '../use-cases/record-tariff.use-case';

@Injectable()
export class TariffUpsertedConsumer {
  constructor(private readonly recordTariff: RecordTariffUseCase) {}

  @ConsumeEvent(Topics.TariffUpserted)
  handle(event: InboundEvent<TariffUpsertedV1>, scope: TransactionScope): Promise<void> {
    return this.recordTariff.execute(event.envelope.data, scope);
  }
}
