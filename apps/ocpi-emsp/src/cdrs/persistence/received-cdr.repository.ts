import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keyOf } from '../../shared/domain/received-object';
import type { CdrJson } from '../domain/received-cdr';

const T = '"ocpi_emsp"."received_cdrs"';

const rowsOf = <R>(result: unknown): R[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as R[];

/** CDRs POSTed by CPO partners: one immutable row per (partner, CDR id). */
@Injectable()
export class ReceivedCdrRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The driver behind one of our tokens (`emsp_tokens.driver_id`), so the invoice of a CDR names
   * its driver; null for tokens without a driver account.
   */
  async driverOfToken(manager: EntityManager, uid: string, type: string): Promise<string | null> {
    const rows = rowsOf<{ driver_id: string | null }>(
      await manager.query(
        `SELECT "driver_id" FROM "ocpi_emsp"."emsp_tokens" WHERE "uid_key" = $1 AND "type" = $2`,
        [keyOf(uid), type],
      ),
    );
    return rows[0]?.driver_id ?? null;
  }

  /** Stores the CDR unless the partner already sent one with this id; true when stored now. */
  async insertIfAbsent(manager: EntityManager, partnerId: string, cdr: CdrJson): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await manager.query(
        `INSERT INTO ${T} (partner_id, cdr_key, cdr_id, country_code, party_id, cdr)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (partner_id, cdr_key) DO NOTHING
         RETURNING 1`,
        [partnerId, keyOf(cdr.id), cdr.id, cdr.country_code, cdr.party_id, JSON.stringify(cdr)],
      ),
    );
    return rows.length > 0;
  }

  async find(partnerId: string, cdrId: string, manager?: EntityManager): Promise<CdrJson | null> {
    const rows = rowsOf<{ cdr: CdrJson }>(
      await (manager ?? this.dataSource.manager).query(
        `SELECT cdr FROM ${T} WHERE partner_id = $1 AND cdr_key = $2`,
        [partnerId, keyOf(cdrId)],
      ),
    );
    return rows[0]?.cdr ?? null;
  }
}
