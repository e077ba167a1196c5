import { Injectable } from '@nestjs/common';
import type { SessionCostUpdatedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import {
  composeSession,
  isFinal,
  isNewerCost,
  nextLastUpdated,
  sameContent,
  type SessionCost,
} from '../domain/session-sync';
import { SessionRepository } from '../persistence/session.repository';
import { SessionPusher } from './session-pusher';

/**
 * A live cost of a running session (tariff-rating): becomes the Session's `total_cost` and a PATCH
 * to the token's eMSP. Older costs are dropped; a cost that arrives before the session is kept
 * for it; a final session is never changed.
 */
@Injectable()
export class RecordSessionCostUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly pusher: SessionPusher,
  ) {}

  async execute(
    event: SessionCostUpdatedV1,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    const cost: SessionCost = {
      sessionRevision: event.sessionRevision,
      currency: event.currency,
      exclVat: event.totalCost.exclVat,
      calculatedAt: event.calculatedAt,
    };
    if (event.totalCost.inclVat !== undefined && event.totalCost.inclVat !== null) {
      cost.inclVat = event.totalCost.inclVat;
    }
    const held = await this.sessions.lock(manager, event.sessionId);
    if (!isNewerCost(held.cost, cost)) return;
    if (held.session && isFinal(held.session)) return;
    if (!held.source || !held.session) {
      await this.sessions.save(manager, { ...held, cost });
      return;
    }
    const composed = composeSession(held.source, cost);
    if (sameContent(held.session, composed)) {
      await this.sessions.save(manager, { ...held, cost });
      return;
    }
    composed.last_updated = nextLastUpdated(held.session.last_updated, cost.calculatedAt);
    const partnerViews = await this.pusher.sessionChanged(
      manager,
      composed,
      held.partnerViews,
      correlationId,
    );
    await this.sessions.save(manager, { ...held, session: composed, cost, partnerViews });
  }
}
