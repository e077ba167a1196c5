import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChargingSessionState } from '../domain/charging-session';
import type { PendingSession } from '../domain/remote-start';

export interface SessionQuery {
  stationId?: string;
  status?: string;
  /** started_at ≥ from (epoch ms) */
  from?: number;
  /** started_at < to (epoch ms) */
  to?: number;
  offset: number;
  limit: number;
}

export interface SessionRecord {
  state: ChargingSessionState;
  ocpiSession: Record<string, unknown>;
}

export interface PendingSessionRecord {
  state: PendingSession;
  ocpiSession: Record<string, unknown>;
}

export interface SessionPage {
  total: number;
  items: SessionRecord[];
}

interface Row {
  state: ChargingSessionState;
  ocpi_session: Record<string, unknown>;
  total?: string;
}

/** Read side of sessions for the operator API (outside consumer transactions). */
@Injectable()
export class SessionQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By internal key, or by the OCPI id a remote-started session kept from its PENDING phase. */
  async findById(sessionId: string): Promise<SessionRecord | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT "state", "ocpi_session" FROM "session_engine"."charging_sessions"
       WHERE "session_id" = $1 OR "session_id" = (
         SELECT "activated_session_id" FROM "session_engine"."pending_sessions" WHERE "session_id" = $1)
       LIMIT 1`,
      [sessionId],
    );
    return rows[0] && { state: rows[0].state, ocpiSession: rows[0].ocpi_session };
  }

  /** A remote start that has not become a charging session (PENDING or INVALID). */
  async findPendingById(sessionId: string): Promise<PendingSessionRecord | undefined> {
    const rows: { state: PendingSession; ocpi_session: Record<string, unknown> }[] =
      await this.dataSource.query(
        `SELECT "state", "ocpi_session" FROM "session_engine"."pending_sessions"
         WHERE "session_id" = $1 AND "status" <> 'ACTIVE'`,
        [sessionId],
      );
    return rows[0] && { state: rows[0].state, ocpiSession: rows[0].ocpi_session };
  }

  async find(q: SessionQuery): Promise<SessionPage> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT "state", "ocpi_session", count(*) OVER () AS total
       FROM "session_engine"."charging_sessions"
       WHERE ($1::text IS NULL OR "station_id" = $1)
         AND ($2::text IS NULL OR "status" = $2)
         AND ($3::timestamptz IS NULL OR "started_at" >= $3)
         AND ($4::timestamptz IS NULL OR "started_at" < $4)
       ORDER BY "started_at" DESC, "session_id"
       OFFSET $5 LIMIT $6`,
      [
        q.stationId ?? null,
        q.status ?? null,
        q.from === undefined ? null : new Date(q.from).toISOString(),
        q.to === undefined ? null : new Date(q.to).toISOString(),
        q.offset,
        q.limit,
      ],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && q.offset > 0) total = await this.count(q);
    return { total, items: rows.map((r) => ({ state: r.state, ocpiSession: r.ocpi_session })) };
  }

  private async count(q: SessionQuery): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM "session_engine"."charging_sessions"
       WHERE ($1::text IS NULL OR "station_id" = $1) AND ($2::text IS NULL OR "status" = $2)
         AND ($3::timestamptz IS NULL OR "started_at" >= $3)
         AND ($4::timestamptz IS NULL OR "started_at" < $4)`,
      [
        q.stationId ?? null,
        q.status ?? null,
        q.from === undefined ? null : new Date(q.from).toISOString(),
        q.to === undefined ? null : new Date(q.to).toISOString(),
      ],
    );
    return Number(rows[0].n);
  }
}
