import { Injectable } from '@nestjs/common';
import { allFlags } from '../../domain/charging-session';
import { SessionNotFoundError } from '../../domain/session.errors';
import {
  type SessionQuery,
  SessionQueryRepository,
  type SessionRecord,
} from '../../persistence/session-query.repository';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A session as the operator API shows it: our view beside the OCPI Session object. */
export function sessionView(r: SessionRecord) {
  const s = r.state;
  return {
    id: s.start.sessionId,
    stationId: s.start.stationId,
    connectorId: s.start.connectorId,
    transactionId: s.start.transactionId,
    status: s.status,
    startedAt: iso(s.start.startedAt),
    endedAt: iso(s.endedAt),
    meterStartWh: s.start.meterStartWh,
    meterStopWh: s.meterStopWh,
    energyWh: s.meter.energyWh,
    stopReason: s.stopReason,
    closedBy: s.closedBy,
    staleCause: s.staleCause,
    /** Set while a StopTransaction is held for the settle delay. */
    stopReceivedAt: iso(s.stopReceivedAt),
    flags: allFlags(s),
    revision: s.revision,
    lastUpdated: iso(s.lastUpdated),
    session: r.ocpiSession,
  };
}

export type SessionView = ReturnType<typeof sessionView>;

@Injectable()
export class QuerySessionsUseCase {
  constructor(private readonly sessions: SessionQueryRepository) {}

  async list(query: SessionQuery) {
    const page = await this.sessions.find(query);
    return {
      data: page.items.map(sessionView),
      total: page.total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  async get(sessionId: string): Promise<SessionView> {
    const found = /^[0-9a-f-]{36}$/i.test(sessionId)
      ? await this.sessions.findById(sessionId)
      : undefined;
    if (!found) {
      throw new SessionNotFoundError(`session ${sessionId} not found`, { details: { sessionId } });
    }
    return sessionView(found);
  }
}
