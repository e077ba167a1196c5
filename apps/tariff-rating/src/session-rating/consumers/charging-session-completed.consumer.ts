import { Injectable } from '@nestjs/common';
import { type ChargingSessionCompletedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RateCompletedSessionUseCase } from '../use-cases/rate-completed-session.use-case';

@Injectable()
export class ChargingSessionCompletedConsumer {
  constructor(private readonly rateCompletedSession: RateCompletedSessionUseCase) {}

  @ConsumeEvent(Topics.SessionCompleted)
  handle(event: InboundEvent<ChargingSessionCompletedV1>, scope: TransactionScope): Promise<void> {
    return this.rateCompletedSession.execute(event.envelope.data, scope);
  }
}
