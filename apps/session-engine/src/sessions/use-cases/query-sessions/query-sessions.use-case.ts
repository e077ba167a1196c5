import { Injectable } from '@nestjs/common';
import { allFlags } from '../../domain/charging-session';
import { publicSessionId } from '../../domain/ocpi-session.mapper';
import { SessionNotFoundError } from '../../domain/session.errors';
import {
  type PendingSessionRecord,
  type SessionQuery,
  SessionQueryRepository,
  type SessionRecord,
} from '../../persistence/session-query.repository';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A session as the operator API shows it: our view beside the OCPI Session object. */
export function sessionView(r: SessionRecord) {
  const s = r.state;
  return {
    id: publicSessionId(s),
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

/** A remote start that never became a charging session (yet): PENDING, or INVALID. */
export function pendingSessionView(r: PendingSessionRecord) {
  const s = r.state;
  return {
    id: s.sessionId,
    stationId: s.request.stationId,
    connectorId: s.request.connectorId,
    status: s.status,
    commandId: s.request.commandId,
    createdAt: iso(s.createdAt),
    expiresAt: iso(s.expiresAt),
    invalidReason: s.invalidReason,
    invalidatedAt: iso(s.invalidatedAt),
    revision: s.revision,
    lastUpdated: iso(s.lastUpdated),
    session: r.ocpiSession,
  };
}

export type PendingSessionView = ReturnType<typeof pendingSessionView>;

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

  async get(sessionId: string): Promise<SessionView | PendingSessionView> {
    if (/^[0-9a-f-]{36}$/i.test(sessionId)) {
      const found = await this.sessions.findById(sessionId);
      if (found) return sessionView(found);
      const pending = await this.sessions.findPendingById(sessionId);
      if (pending) return pendingSessionView(pending);
    }
    throw new SessionNotFoundError(`session ${sessionId} not found`, { details: { sessionId } });
  }
}
