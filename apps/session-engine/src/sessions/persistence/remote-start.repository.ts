import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommandResult, PendingSession } from '../domain/remote-start';
import type { RemoteStartStore, StoredPendingSession } from './remote-start.store';

const S = '"session_engine"';
const iso = (ms: number) => new Date(ms).toISOString();

/** Pending (remote-started) sessions: plain SQL through the consumer's EntityManager. */
@Injectable()
export class RemoteStartRepository {
  bind(manager: EntityManager): RemoteStartStore {
    return new TransactionalRemoteStartStore(manager);
  }
}

class TransactionalRemoteStartStore implements RemoteStartStore {
  constructor(private readonly manager: EntityManager) {}

  private async states(sql: string, params: unknown[]): Promise<PendingSession[]> {
    const rows: { state: PendingSession }[] = await this.manager.query(sql, params);
    return rows.map((r) => r.state);
  }

  async insert(p: StoredPendingSession): Promise<boolean> {
    const s = p.state;
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO ${S}."pending_sessions" ("session_id", "command_id", "station_id",
         "connector_id", "id_tag", "status", "created_at", "expires_at", "revision", "state",
         "ocpi_session", "last_updated")
       VALUES ($1, $2, $3, $4, upper($5), $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING "session_id"`,
      [
        s.sessionId,
        s.request.commandId,
        s.request.stationId,
        s.request.connectorId ?? null,
        s.request.idTag,
        s.status,
        iso(s.createdAt),
        iso(s.expiresAt),
        s.revision,
        JSON.stringify(s),
        JSON.stringify(p.ocpiSession),
        iso(s.lastUpdated),
      ],
    );
    return rows.length === 1;
  }

  async save(p: StoredPendingSession): Promise<void> {
    const s = p.state;
    await this.manager.query(
      `UPDATE ${S}."pending_sessions" SET "status" = $2, "revision" = $3, "state" = $4,
         "ocpi_session" = $5, "activated_session_id" = $6, "last_updated" = $7
       WHERE "session_id" = $1`,
      [
        s.sessionId,
        s.status,
        s.revision,
        JSON.stringify(s),
        JSON.stringify(p.ocpiSession),
        s.activatedSessionKey ?? null,
        iso(s.lastUpdated),
      ],
    );
  }

  async lockByCommandId(commandId: string): Promise<PendingSession | undefined> {
    const [state] = await this.states(
      `SELECT "state" FROM ${S}."pending_sessions" WHERE "command_id" = $1 FOR UPDATE`,
      [commandId],
    );
    return state;
  }

  async lockMatching(start: {
    stationId: string;
    connectorId: number;
    idTag: string;
  }): Promise<PendingSession | undefined> {
    const [state] = await this.states(
      `SELECT "state" FROM ${S}."pending_sessions"
       WHERE "status" = 'PENDING' AND "station_id" = $1 AND "id_tag" = upper($2)
         AND ("connector_id" IS NULL OR "connector_id" = $3)
       ORDER BY "created_at", "session_id" LIMIT 1 FOR UPDATE`,
      [start.stationId, start.idTag, start.connectorId],
    );
    return state;
  }

  lockExpired(now: number, limit: number): Promise<PendingSession[]> {
    return this.states(
      `SELECT "state" FROM ${S}."pending_sessions"
       WHERE "status" = 'PENDING' AND "expires_at" <= $1
       ORDER BY "expires_at" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [iso(now), limit],
    );
  }

  async saveEarlyResult(commandId: string, result: CommandResult): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${S}."early_command_results" ("command_id", "result") VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [commandId, JSON.stringify(result)],
    );
  }

  async takeEarlyResult(commandId: string): Promise<CommandResult | undefined> {
    const rows: { result: CommandResult }[] = await this.manager.query(
      `WITH taken AS (DELETE FROM ${S}."early_command_results" WHERE "command_id" = $1 RETURNING "result")
       SELECT "result" FROM taken`,
      [commandId],
    );
    return rows[0]?.result;
  }
}
