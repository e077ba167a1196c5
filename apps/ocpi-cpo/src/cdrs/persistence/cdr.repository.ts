import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cdrKeyOf, cdrOwnerOf, type CdrJson } from '../domain/cdr-record';

const S = '"ocpi_cpo"';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** Where a CDR went: per eMSP partner, when it was delivered and its URL there. */
export interface CdrDelivery {
  partnerId: string;
  location: string | null;
  deliveredAt: Date | null;
}

/** The only TypeORM user of cdrs and cdr_deliveries. */
@Injectable()
export class CdrRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new CDR; false when a CDR with that id exists (CDRs are immutable). */
  async insert(manager: EntityManager, cdr: CdrJson): Promise<boolean> {
    const owner = cdrOwnerOf(cdr);
    const rows = rowsOf<{ cdr_key: string }>(
      await manager.query(
        `INSERT INTO ${S}."cdrs" (cdr_key, cdr_id, session_id, credit, token_country_code,
                token_party_id, last_updated, cdr)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (cdr_key) DO NOTHING RETURNING cdr_key`,
        [
          cdrKeyOf(cdr.id),
          cdr.id,
          cdr.session_id ?? null,
          cdr.credit === true,
          owner.countryCode,
          owner.partyId,
          cdr.last_updated,
          JSON.stringify(cdr),
        ],
      ),
    );
    return rows.length === 1;
  }

  async addDelivery(manager: EntityManager, cdrId: string, partnerId: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."cdr_deliveries" (cdr_key, partner_id) VALUES ($1, $2)
        ON CONFLICT DO NOTHING`,
      [cdrKeyOf(cdrId), partnerId],
    );
  }

  /** The eMSP accepted the CDR; `location` is its `Location` header (where the CDR lives). */
  async recordDelivered(
    manager: EntityManager,
    cdrKey: string,
    partnerId: string,
    location: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${S}."cdr_deliveries" SET delivered_at = now(), location = $3
        WHERE cdr_key = $1 AND partner_id = $2`,
      [cdrKey, partnerId, location],
    );
  }

  async deliveries(cdrId: string): Promise<CdrDelivery[]> {
    const rows = (await this.dataSource.query(
      `SELECT partner_id, location, delivered_at FROM ${S}."cdr_deliveries"
        WHERE cdr_key = $1 ORDER BY partner_id`,
      [cdrKeyOf(cdrId)],
    )) as { partner_id: string; location: string | null; delivered_at: Date | null }[];
    return rows.map((r) => ({
      partnerId: r.partner_id,
      location: r.location,
      deliveredAt: r.delivered_at,
    }));
  }

  /** OCPI GET list page of the CDRs of these token owners: (last_updated, id) order. */
  async listPage(q: {
    owners: { countryCode: string; partyId: string }[];
    offset: number;
    limit: number;
    dateFrom?: Date;
    dateTo?: Date;
  }): Promise<{ total: number; items: CdrJson[] }> {
    if (q.owners.length === 0) return { total: 0, items: [] };
    const params: unknown[] = [
      q.owners.map((o) => o.countryCode.toUpperCase()),
      q.owners.map((o) => o.partyId.toUpperCase()),
    ];
    const where = [
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
        `SELECT cdr FROM ${S}."cdrs" WHERE ${filter}
          ORDER BY last_updated, cdr_key OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, q.offset, q.limit],
      ) as Promise<{ cdr: CdrJson }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."cdrs" WHERE ${filter}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.cdr) };
  }
}
