import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BatchTransactionScope, TransactionScope } from '@voltlane/platform-persistence';
import { ChargingSessionRepository } from '../persistence/charging-session.repository';
import { SessionMetrics } from '../session.metrics';
import type { EventCause, SessionTx } from '../use-cases/session-tx';

/** Builds the use cases' SessionTx from a consumer's transaction scope. */
@Injectable()
export class SessionTxFactory {
  constructor(
    private readonly repository: ChargingSessionRepository,
    @Optional() @Inject(SessionMetrics) private readonly metrics?: SessionMetrics | null,
  ) {}

  ofEvent(scope: TransactionScope): SessionTx {
    return {
      store: this.repository.bind(scope.manager),
      publish: (topic, data, cause) => {
        scope.publish(topic, data, cause);
        this.metrics?.published(topic);
      },
      now: Date.now(),
    };
  }

  ofBatch(scope: BatchTransactionScope, fallback: EventCause): SessionTx {
    return {
      store: this.repository.bind(scope.manager),
      publish: (topic, data, cause) => {
        scope.publish(topic, data, cause ?? fallback);
        this.metrics?.published(topic);
      },
      now: Date.now(),
    };
  }
}

/** The cause of events published because of `event`: its correlation, caused by its id. */
export function causeOf(event: {
  envelope: { eventId: string; correlationId: string };
}): EventCause {
  return { correlationId: event.envelope.correlationId, causationId: event.envelope.eventId };
}
