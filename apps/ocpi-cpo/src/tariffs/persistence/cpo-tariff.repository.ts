import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredTariffState } from '../domain/tariff-version';

const S = '"ocpi_cpo"';

export type TariffJson = Record<string, unknown> & {
  country_code: string;
  party_id: string;
  id: string;
  last_updated: string;
};

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** Our tariffs as ocpi-cpo serves and pushes them (deleted ones kept as tombstones). */
@Injectable()
export class CpoTariffRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stateForUpdate(
    manager: EntityManager,
    countryCode: string,
    partyId: string,
    tariffId: string,
  ): Promise<StoredTariffState | null> {
    const rows = (await manager.query(
      `SELECT last_updated, deleted_at FROM ${S}."tariffs"
        WHERE country_code = upper($1) AND party_id = upper($2) AND tariff_key = upper($3)
        FOR UPDATE`,
      [countryCode, partyId, tariffId],
    )) as { last_updated: Date; deleted_at: Date | null }[];
    return rows[0] ? { lastUpdated: rows[0].last_updated, deletedAt: rows[0].deleted_at } : null;
  }

  async upsert(manager: EntityManager, tariff: TariffJson): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."tariffs" (country_code, party_id, tariff_key, tariff_id, last_updated, tariff)
       VALUES (upper($1), upper($2), upper($3), $3, $4, $5)
       ON CONFLICT ON CONSTRAINT tariffs_pk DO UPDATE SET tariff_id = EXCLUDED.tariff_id,
         last_updated = EXCLUDED.last_updated, tariff = EXCLUDED.tariff, deleted_at = NULL`,
      [
        tariff.country_code,
        tariff.party_id,
        tariff.id,
        tariff.last_updated,
        JSON.stringify(tariff),
      ],
    );
  }

  /** Marks the tariff deleted (a tombstone, so a late, older upsert cannot bring it back). */
  async markDeleted(
    manager: EntityManager,
    countryCode: string,
    partyId: string,
    tariffId: string,
    deletedAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."tariffs"
         (country_code, party_id, tariff_key, tariff_id, last_updated, tariff, deleted_at)
       VALUES (upper($1), upper($2), upper($3), $3, $4, NULL, $4)
       ON CONFLICT ON CONSTRAINT tariffs_pk DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
         tariff = NULL`,
      [countryCode, partyId, tariffId, deletedAt],
    );
  }

  /** OCPI GET list page: live tariffs, (last_updated, id) order, date_from ≤ t < date_to. */
  async listPage(query: {
    offset: number;
    limit: number;
    dateFrom?: Date;
    dateTo?: Date;
  }): Promise<{ total: number; items: TariffJson[] }> {
    const where = [`deleted_at IS NULL`];
    const params: unknown[] = [];
    if (query.dateFrom) {
      params.push(query.dateFrom);
      where.push(`last_updated >= $${params.length}`);
    }
    if (query.dateTo) {
      params.push(query.dateTo);
      where.push(`last_updated < $${params.length}`);
    }
    const filter = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT tariff FROM ${S}."tariffs" WHERE ${filter}
          ORDER BY last_updated, tariff_key, country_code, party_id
          OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, query.offset, query.limit],
      ) as Promise<{ tariff: TariffJson }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."tariffs" WHERE ${filter}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.tariff) };
  }

  /** Live tariffs a partner was not sent yet (locked, others skipped). */
  async unsynced(manager: EntityManager, partnerId: string, limit: number): Promise<TariffJson[]> {
    const rows = rowsOf<{ tariff: TariffJson }>(
      await manager.query(
        `SELECT t.tariff FROM ${S}."tariffs" t
          WHERE t.deleted_at IS NULL AND NOT EXISTS (
            SELECT 1 FROM ${S}."partner_object_sync" s
             WHERE s.partner_id = $1 AND s.module = 'tariffs'
               AND s.object_key = t.country_code || '/' || t.party_id || '/' || t.tariff_key)
          ORDER BY t.tariff_key LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
        [partnerId, limit],
      ),
    );
    return rows.map((r) => r.tariff);
  }
}
