import { Injectable } from '@nestjs/common';
import { type ChargingSessionCompletedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { IssueSessionCdrUseCase } from '../use-cases/issue-session-cdr.use-case';

@Injectable()
export class SessionCompletedConsumer {
  constructor(private readonly issueCdr: IssueSessionCdrUseCase) {}

  @ConsumeEvent(Topics.SessionCompleted)
  handle(event: InboundEvent<ChargingSessionCompletedV1>, scope: TransactionScope): Promise<void> {
    return this.issueCdr.execute({ part: 'completed', data: event.envelope.data, scope });
  }
}
