import { Injectable } from '@nestjs/common';
import { type SessionCostUpdatedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordSessionCostUseCase } from '../use-cases/record-session-cost.use-case';

/** tariff-rating's live cost → the Session's total_cost (+ PATCH to the token's eMSP). */
@Injectable()
export class SessionCostUpdatedConsumer {
  constructor(private readonly recordCost: RecordSessionCostUseCase) {}

  @ConsumeEvent(Topics.RatingSessionCostUpdated)
  handle(event: InboundEvent<SessionCostUpdatedV1>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.recordCost.execute(data, scope.manager, correlationId);
  }
}
