import { Injectable } from '@nestjs/common';
import { type ChargingSessionUpdatedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RateRunningSessionUseCase } from '../use-cases/rate-running-session.use-case';

@Injectable()
export class ChargingSessionUpdatedConsumer {
  constructor(private readonly rateRunningSession: RateRunningSessionUseCase) {}

  @ConsumeEvent(Topics.SessionUpdated)
  handle(event: InboundEvent<ChargingSessionUpdatedV1>, scope: TransactionScope): Promise<void> {
    return this.rateRunningSession.execute(event.envelope.data, scope);
  }
}
