import { Injectable } from '@nestjs/common';
import type { ChargingSessionCompletedV1, SessionRatedV1 } from '@voltlane/contracts-events';
import type { OcpiCdr } from '@voltlane/protocols-ocpi';
import { DataSource, type EntityManager } from 'typeorm';
import type { CdrRecord } from '../domain/cdr-assembly';

export interface SessionParts {
  completed: ChargingSessionCompletedV1 | null;
  rated: SessionRatedV1 | null;
}

export interface CdrQuery {
  sessionId?: string;
  /** start_date_time ≥ from (epoch ms) */
  from?: number;
  /** start_date_time < to (epoch ms) */
  to?: number;
  offset: number;
  limit: number;
}

export interface StoredCdr extends CdrRecord {
  createdAt: string;
  creditedBy: string | null;
}

interface CdrRow {
  cdr_id: string;
  session_id: string;
  kind: CdrRecord['kind'];
  emsp_country_code: string;
  emsp_party_id: string;
  tariff_ids: string[];
  cdr: OcpiCdr;
  created_at: Date;
  credited_by: string | null;
  total?: string;
}

const SELECT_CDR = `
  SELECT c."cdr_id", c."session_id", c."kind", c."emsp_country_code", c."emsp_party_id",
         c."tariff_ids", c."cdr", c."created_at", k."cdr_id" AS credited_by`;
const FROM_CDR = `
  FROM "cdr_billing"."cdrs" c
  LEFT JOIN "cdr_billing"."cdrs" k ON k."credit_reference_id" = c."cdr_id"`;

const toStored = (r: CdrRow): StoredCdr => ({
  cdrId: r.cdr_id,
  sessionId: r.session_id,
  kind: r.kind,
  emspCountryCode: r.emsp_country_code,
  emspPartyId: r.emsp_party_id,
  tariffIds: r.tariff_ids,
  cdr: r.cdr,
  createdAt: r.created_at.toISOString(),
  creditedBy: r.credited_by,
});

/** The only TypeORM user of cdr-billing: session parts and the append-only CDR table. */
@Injectable()
export class CdrRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores one part of a session and returns both parts as they are now. Concurrent writers of the
   * same session serialise on the row (INSERT … ON CONFLICT locks it), so the second of the two
   * always sees the first.
   */
  async saveCompleted(
    manager: EntityManager,
    completed: ChargingSessionCompletedV1,
  ): Promise<SessionParts> {
    return this.savePart(manager, completed.sessionId, 'completed', completed);
  }

  async saveRated(manager: EntityManager, rated: SessionRatedV1): Promise<SessionParts> {
    return this.savePart(manager, rated.sessionId, 'rated', rated);
  }

  private async savePart(
    manager: EntityManager,
    sessionId: string,
    column: 'completed' | 'rated',
    data: unknown,
  ): Promise<SessionParts> {
    // The first copy wins: a redelivery (new event id) cannot change a part once stored.
    const rows: SessionParts[] = await manager.query(
      `INSERT INTO "cdr_billing"."session_parts" ("session_id", "${column}") VALUES ($1, $2)
       ON CONFLICT ("session_id") DO UPDATE
         SET "${column}" = COALESCE("session_parts"."${column}", EXCLUDED."${column}"),
             "updated_at" = now()
       RETURNING "completed", "rated"`,
      [sessionId, JSON.stringify(data)],
    );
    return rows[0];
  }

  /** Inserts the session's CDR unless it has one; true when this call created it. */
  async insertOriginal(manager: EntityManager, record: CdrRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `${INSERT_CDR} ON CONFLICT ("session_id") WHERE "kind" = 'ORIGINAL' DO NOTHING RETURNING "cdr_id"`,
      insertParams(record),
    );
    return rows.length === 1;
  }

  async insert(manager: EntityManager, record: CdrRecord): Promise<void> {
    await manager.query(INSERT_CDR, insertParams(record));
  }

  /** The CDR, locked against a concurrent correction of the same CDR. */
  async findForCorrection(manager: EntityManager, cdrId: string): Promise<StoredCdr | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cdr:${cdrId}`]);
    const rows: CdrRow[] = await manager.query(`${SELECT_CDR} ${FROM_CDR} WHERE c."cdr_id" = $1`, [
      cdrId,
    ]);
    return rows[0] && toStored(rows[0]);
  }

  async findById(cdrId: string): Promise<StoredCdr | undefined> {
    const rows: CdrRow[] = await this.dataSource.query(
      `${SELECT_CDR} ${FROM_CDR} WHERE c."cdr_id" = $1`,
      [cdrId],
    );
    return rows[0] && toStored(rows[0]);
  }

  async find(q: CdrQuery): Promise<{ total: number; items: StoredCdr[] }> {
    const where = `
      WHERE ($1::uuid IS NULL OR c."session_id" = $1)
        AND ($2::timestamptz IS NULL OR c."start_date_time" >= $2)
        AND ($3::timestamptz IS NULL OR c."start_date_time" < $3)`;
    const params = [
      q.sessionId ?? null,
      q.from === undefined ? null : new Date(q.from).toISOString(),
      q.to === undefined ? null : new Date(q.to).toISOString(),
    ];
    const rows: CdrRow[] = await this.dataSource.query(
      `${SELECT_CDR}, count(*) OVER () AS total ${FROM_CDR} ${where}
       ORDER BY c."start_date_time" DESC, c."created_at", c."cdr_id"
       OFFSET $4 LIMIT $5`,
      [...params, q.offset, q.limit],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && q.offset > 0) {
      const counted: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM "cdr_billing"."cdrs" c ${where}`,
        params,
      );
      total = Number(counted[0].n);
    }
    return { total, items: rows.map(toStored) };
  }
}

const INSERT_CDR = `
  INSERT INTO "cdr_billing"."cdrs" ("cdr_id", "session_id", "kind", "credit", "credit_reference_id",
    "emsp_country_code", "emsp_party_id", "currency", "total_cost_excl_vat", "total_cost_incl_vat",
    "total_energy_wh", "start_date_time", "end_date_time", "tariff_ids", "cdr")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

function insertParams(r: CdrRecord): unknown[] {
  const c = r.cdr;
  return [
    r.cdrId,
    r.sessionId,
    r.kind,
    c.credit === true,
    c.credit_reference_id ?? null,
    r.emspCountryCode,
    r.emspPartyId,
    c.currency,
    c.total_cost.excl_vat,
    c.total_cost.incl_vat ?? null,
    Math.round(c.total_energy * 1000),
    c.start_date_time,
    c.end_date_time,
    r.tariffIds,
    JSON.stringify(c),
  ];
}
