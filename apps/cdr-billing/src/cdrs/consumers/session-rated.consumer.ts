import { Injectable } from '@nestjs/common';
import { type SessionRatedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { IssueSessionCdrUseCase } from '../use-cases/issue-session-cdr.use-case';

@Injectable()
export class SessionRatedConsumer {
  constructor(private readonly issueCdr: IssueSessionCdrUseCase) {}

  @ConsumeEvent(Topics.RatingSessionRated)
  handle(event: InboundEvent<SessionRatedV1>, scope: TransactionScope): Promise<void> {
    return this.issueCdr.execute({ part: 'rated', data: event.envelope.data, scope });
  }
}
