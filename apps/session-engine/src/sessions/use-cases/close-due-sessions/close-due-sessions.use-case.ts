import { Injectable } from '@nestjs/common';
import { closeDue } from '../../domain/charging-session';
import { SessionEvents } from '../session-events';
import type { SessionTx } from '../session-tx';

/**
 * The sweeper's work: sessions with a held StopTransaction whose settle delay is over complete with
 * it; sessions suspected stale whose grace period is over complete with their last meter reading
 * (NEVER_STOPPED, `closedBy: STALE_POLICY`). Each is published as completed. Returns how many due
 * sessions were handled (the caller repeats while a full page comes back).
 */
@Injectable()
export class CloseDueSessionsUseCase {
  constructor(private readonly events: SessionEvents) {}

  async execute(tx: SessionTx, limit = 100): Promise<number> {
    const due = await tx.store.lockDue(tx.now, limit);
    const closed = due.map((s) => closeDue(s, tx.now));
    const stored = closed.map((t) => this.events.stored(t.state));
    await tx.store.saveAll(stored);
    for (const [i, s] of stored.entries()) {
      if (!closed[i].changed) continue;
      this.events.completed(tx, s, { correlationId: s.state.start.sessionId, causationId: null });
    }
    return due.length;
  }
}
