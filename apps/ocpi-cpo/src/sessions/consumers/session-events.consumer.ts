import { Injectable } from '@nestjs/common';
import { Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordSessionUseCase } from '../use-cases/record-session.use-case';

/** What every session event of session-engine carries for us. */
interface SessionEventData {
  revision: number;
  session: Record<string, unknown>;
}

/** session-engine's session events → the OCPI Session we hold and push (one use case for all). */
@Injectable()
export class SessionEventsConsumer {
  constructor(private readonly record: RecordSessionUseCase) {}

  @ConsumeEvent(Topics.SessionPending)
  pending(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    return this.apply(event, scope);
  }

  @ConsumeEvent(Topics.SessionStarted)
  started(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    return this.apply(event, scope);
  }

  @ConsumeEvent(Topics.SessionUpdated)
  updated(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    return this.apply(event, scope);
  }

  @ConsumeEvent(Topics.SessionCompleted)
  completed(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    return this.apply(event, scope);
  }

  @ConsumeEvent(Topics.SessionInvalidated)
  invalidated(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    return this.apply(event, scope);
  }

  private apply(event: InboundEvent<SessionEventData>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.record.execute(
      { revision: data.revision, session: data.session, correlationId },
      scope.manager,
    );
  }
}
