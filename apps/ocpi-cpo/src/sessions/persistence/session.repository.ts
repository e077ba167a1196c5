import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keyOf, type SessionCost, type SessionJson } from '../domain/session-sync';

const S = '"ocpi_cpo"';

/** What we hold of one session: session-engine's latest object, the live cost, ours to publish. */
export interface StoredSession {
  sessionKey: string;
  /** Revision of the last applied session event (0: only a cost arrived so far). */
  revision: number;
  /** `last_updated` of the last applied session event (as session-engine set it). */
  sourceLastUpdated?: string;
  /** session-engine's latest Session object. */
  source: SessionJson | null;
  /** The Session as we publish it (source + total_cost, our last_updated). */
  session: SessionJson | null;
  cost?: SessionCost;
  /** Per partner id: the Session as that partner has it after our pushes. */
  partnerViews: Record<string, SessionJson>;
}

interface SessionRow {
  session_key: string;
  revision: number;
  source_last_updated: string | null;
  source: SessionJson | null;
  session: SessionJson | null;
  cost: SessionCost | null;
  partner_views: Record<string, SessionJson>;
}

const toStored = (r: SessionRow): StoredSession => ({
  sessionKey: r.session_key,
  revision: r.revision,
  sourceLastUpdated: r.source_last_updated ?? undefined,
  source: r.source,
  session: r.session,
  cost: r.cost ?? undefined,
  partnerViews: r.partner_views ?? {},
});

/** Sessions a partner may see: those whose token belongs to one of these eMSP parties. */
export interface SessionListQuery {
  owners: { countryCode: string; partyId: string }[];
  offset: number;
  limit: number;
  dateFrom?: Date;
  dateTo?: Date;
}

/** The only TypeORM user of sessions and session_charging_preferences. */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The session row, locked for the transaction (created empty when unknown, so events serialise). */
  async lock(manager: EntityManager, sessionId: string): Promise<StoredSession> {
    // one round trip: creates the row when unknown, locks it either way (ON CONFLICT DO UPDATE)
    const rows = (await manager.query(
      `INSERT INTO ${S}."sessions" AS s (session_key, session_id) VALUES ($1, $2)
        ON CONFLICT (session_key) DO UPDATE SET session_key = s.session_key
        RETURNING s.session_key, s.revision, to_char(s.source_last_updated AT TIME ZONE 'UTC',
                  'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS source_last_updated, s.source, s.session, s.cost,
                  s.partner_views`,
      [keyOf(sessionId), sessionId],
    )) as SessionRow[];
    return toStored(rows[0]);
  }

  async save(manager: EntityManager, s: StoredSession): Promise<void> {
    const owner = s.session?.cdr_token;
    await manager.query(
      `UPDATE ${S}."sessions" SET revision = $2, source_last_updated = $3, source = $4,
              session = $5, cost = $6, last_updated = $7, token_country_code = $8,
              token_party_id = $9, partner_views = $10, updated_at = now()
        WHERE session_key = $1`,
      [
        s.sessionKey,
        s.revision,
        s.sourceLastUpdated ?? null,
        s.source === null ? null : JSON.stringify(s.source),
        s.session === null ? null : JSON.stringify(s.session),
        s.cost === undefined ? null : JSON.stringify(s.cost),
        s.session?.last_updated ?? null,
        owner ? owner.country_code.toUpperCase() : null,
        owner ? owner.party_id.toUpperCase() : null,
        JSON.stringify(s.partnerViews),
      ],
    );
  }

  /** A published session (null when unknown or only its cost arrived). */
  async find(sessionId: string): Promise<SessionJson | null> {
    const rows = (await this.dataSource.query(
      `SELECT session FROM ${S}."sessions" WHERE session_key = $1 AND session IS NOT NULL`,
      [keyOf(sessionId)],
    )) as { session: SessionJson }[];
    return rows[0]?.session ?? null;
  }

  /** OCPI GET list page: (last_updated, id) order, date_from ≤ last_updated < date_to. */
  async listPage(q: SessionListQuery): Promise<{ total: number; items: SessionJson[] }> {
    if (q.owners.length === 0) return { total: 0, items: [] };
    const params: unknown[] = [
      q.owners.map((o) => o.countryCode.toUpperCase()),
      q.owners.map((o) => o.partyId.toUpperCase()),
    ];
    const where = [
      `session IS NOT NULL`,
      `(token_country_code, token_party_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    ];
    if (q.dateFrom) {
      params.push(q.dateFrom);
      where.push(`last_updated >= $${params.length}`);
    }
    if (q.dateTo) {
      params.push(q.dateTo);
      where.push(`last_updated < $${params.length}`);
    }
    const filter = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT session FROM ${S}."sessions" WHERE ${filter}
          ORDER BY last_updated, session_key OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, q.offset, q.limit],
      ) as Promise<{ session: SessionJson }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."sessions" WHERE ${filter}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.session) };
  }

  async saveChargingPreferences(
    sessionId: string,
    partnerId: string,
    preferences: unknown,
    response: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${S}."session_charging_preferences"
              (session_key, partner_id, preferences, response)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_key) DO UPDATE SET partner_id = EXCLUDED.partner_id,
              preferences = EXCLUDED.preferences, response = EXCLUDED.response, updated_at = now()`,
      [keyOf(sessionId), partnerId, JSON.stringify(preferences), response],
    );
  }

  async chargingPreferences(
    sessionId: string,
  ): Promise<{ preferences: unknown; response: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT preferences, response FROM ${S}."session_charging_preferences" WHERE session_key = $1`,
      [keyOf(sessionId)],
    )) as { preferences: unknown; response: string }[];
    return rows[0] ?? null;
  }
}
