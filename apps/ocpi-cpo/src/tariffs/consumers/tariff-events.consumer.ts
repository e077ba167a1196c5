import { Injectable } from '@nestjs/common';
import { type TariffDeletedV1, type TariffUpsertedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { DeleteTariffUseCase } from '../use-cases/delete-tariff.use-case';
import { RecordTariffUseCase } from '../use-cases/record-tariff.use-case';

/** tariff-rating's tariff changes → our Tariffs Sender (stored, pushed to eMSPs). */
@Injectable()
export class TariffEventsConsumer {
  constructor(
    private readonly recordTariff: RecordTariffUseCase,
    private readonly deleteTariff: DeleteTariffUseCase,
  ) {}

  @ConsumeEvent(Topics.TariffUpserted)
  upserted(event: InboundEvent<TariffUpsertedV1>, scope: TransactionScope): Promise<void> {
    return this.recordTariff.execute(
      event.envelope.data,
      scope.manager,
      event.envelope.correlationId,
    );
  }

  @ConsumeEvent(Topics.TariffDeleted)
  deleted(event: InboundEvent<TariffDeletedV1>, scope: TransactionScope): Promise<void> {
    return this.deleteTariff.execute(
      event.envelope.data,
      scope.manager,
      event.envelope.correlationId,
    );
  }
}
