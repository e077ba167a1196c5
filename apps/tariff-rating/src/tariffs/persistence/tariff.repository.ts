import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A stored tariff: its OCPI identity (country_code/party_id upper-case) and the OCPI object. */
export interface TariffRecord {
  countryCode: string;
  partyId: string;
  tariffId: string;
  currency: string;
  lastUpdated: Date;
  tariff: Record<string, unknown>;
}

interface TariffRow {
  country_code: string;
  party_id: string;
  tariff_id: string;
  currency: string;
  last_updated: Date;
  tariff: Record<string, unknown>;
}

const toRecord = (r: TariffRow): TariffRecord => ({
  countryCode: r.country_code,
  partyId: r.party_id,
  tariffId: r.tariff_id,
  currency: r.currency,
  lastUpdated: r.last_updated,
  tariff: r.tariff,
});

const COLUMNS = 'country_code, party_id, tariff_id, currency, last_updated, tariff';

/** The only TypeORM user of the tariffs table. Ids compare case-insensitively (OCPI CiString). */
@Injectable()
export class TariffRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the row (if any) for the rest of the transaction. */
  async findForUpdate(
    manager: EntityManager,
    countryCode: string,
    partyId: string,
    tariffId: string,
  ): Promise<TariffRecord | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM "tariff_rating"."tariffs"
        WHERE country_code = upper($1) AND party_id = upper($2) AND tariff_key = upper($3)
        FOR UPDATE`,
      [countryCode, partyId, tariffId],
    )) as TariffRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async find(countryCode: string, partyId: string, tariffId: string): Promise<TariffRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "tariff_rating"."tariffs"
        WHERE country_code = upper($1) AND party_id = upper($2) AND tariff_key = upper($3)`,
      [countryCode, partyId, tariffId],
    )) as TariffRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Oldest change first (OCPI pagination order), at most `limit` from `offset`. */
  async list(offset: number, limit: number): Promise<{ total: number; items: TariffRecord[] }> {
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM "tariff_rating"."tariffs"
          ORDER BY last_updated, country_code, party_id, tariff_key OFFSET $1 LIMIT $2`,
        [offset, limit],
      ) as Promise<TariffRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM "tariff_rating"."tariffs"`) as Promise<
        { n: number }[]
      >,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map(toRecord) };
  }

  async save(manager: EntityManager, record: TariffRecord): Promise<void> {
    await manager.query(
      `INSERT INTO "tariff_rating"."tariffs" (${COLUMNS}) VALUES (upper($1), upper($2), $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT tariffs_pk DO UPDATE SET
         tariff_id = EXCLUDED.tariff_id, currency = EXCLUDED.currency,
         last_updated = EXCLUDED.last_updated, tariff = EXCLUDED.tariff, updated_at = now()`,
      [
        record.countryCode,
        record.partyId,
        record.tariffId,
        record.currency,
        record.lastUpdated,
        JSON.stringify(record.tariff),
      ],
    );
  }

  async delete(
    manager: EntityManager,
    countryCode: string,
    partyId: string,
    tariffId: string,
  ): Promise<TariffRecord | null> {
    const result = (await manager.query(
      `DELETE FROM "tariff_rating"."tariffs"
        WHERE country_code = upper($1) AND party_id = upper($2) AND tariff_key = upper($3)
        RETURNING ${COLUMNS}`,
      [countryCode, partyId, tariffId],
    )) as [TariffRow[], number] | TariffRow[];
    const rows = (Array.isArray(result[0]) ? result[0] : result) as TariffRow[];
    return rows[0] ? toRecord(rows[0]) : null;
  }
}
