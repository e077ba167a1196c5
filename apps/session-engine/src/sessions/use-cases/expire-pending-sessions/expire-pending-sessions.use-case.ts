import { Injectable } from '@nestjs/common';
import { expirePending } from '../../domain/remote-start';
import type { LifecycleTx } from '../lifecycle-tx';
import { PendingSessionEvents } from '../pending-session-events';

/**
 * The sweeper's second job: PENDING sessions whose window passed without a StartTransaction become
 * INVALID (START_TIMEOUT) and are published. Returns how many were handled (the caller repeats
 * while a full page comes back).
 */
@Injectable()
export class ExpirePendingSessionsUseCase {
  constructor(private readonly events: PendingSessionEvents) {}

  async execute(tx: LifecycleTx, limit = 100): Promise<number> {
    const due = await tx.remoteStarts.lockExpired(tx.now, limit);
    for (const pending of due) {
      const t = expirePending(pending, tx.now);
      if (!t.changed) continue;
      const stored = this.events.stored(t.state);
      await tx.remoteStarts.save(stored);
      this.events.invalidated(tx, stored, { correlationId: pending.sessionId, causationId: null });
    }
    return due.length;
  }
}
