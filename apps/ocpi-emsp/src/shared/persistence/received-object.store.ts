import type { DataSource, EntityManager } from 'typeorm';
import { keyOf, type ReceivedRef } from '../domain/received-object';

const S = '"ocpi_emsp"';

export type ReceivedTable = 'received_locations' | 'received_tariffs' | 'received_sessions';

/** A stored object with its bookkeeping. `object` is null once deleted (tariffs). */
export interface StoredObject<T> {
  object: T | null;
  lastUpdated: Date;
  deleted: boolean;
}

interface Row {
  object: unknown;
  last_updated: Date;
  deleted_at: Date | null;
}

const params = (ref: ReceivedRef) => [
  ref.partnerId,
  ref.countryCode.toUpperCase(),
  ref.partyId.toUpperCase(),
  keyOf(ref.id),
];

/**
 * One table of objects pushed by CPO partners (ADR 0070): rows are owned by the partner connection
 * that pushed them, keyed by (partner, country_code, party_id, upper-case id). The module
 * repositories are thin wrappers; this is their only TypeORM use.
 */
export class ReceivedObjectStore<T> {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    table: ReceivedTable,
  ) {
    this.table = `${S}."${table}"`;
  }

  /**
   * Locks the object for the transaction (also when it does not exist yet: concurrent first PUTs
   * of one object are serialized) and returns it.
   */
  async lockAndFind(manager: EntityManager, ref: ReceivedRef): Promise<StoredObject<T> | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `${this.table}|${params(ref).join('|')}`,
    ]);
    return this.select(manager, ref);
  }

  async find(ref: ReceivedRef): Promise<StoredObject<T> | null> {
    return this.select(this.dataSource.manager, ref);
  }

  async save(manager: EntityManager, ref: ReceivedRef, object: T, lastUpdated: string) {
    await manager.query(
      `INSERT INTO ${this.table}
         (partner_id, country_code, party_id, object_key, object_id, last_updated, object)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (partner_id, country_code, party_id, object_key) DO UPDATE SET
         object_id = EXCLUDED.object_id, last_updated = EXCLUDED.last_updated,
         object = EXCLUDED.object, deleted_at = NULL, received_at = now()`,
      [...params(ref), ref.id, lastUpdated, JSON.stringify(object)],
    );
  }

  /** Keeps a tombstone (the last `last_updated`) so a late, older PUT stays ignored. */
  async markDeleted(manager: EntityManager, ref: ReceivedRef): Promise<boolean> {
    const rows = (await manager.query(
      `UPDATE ${this.table} SET object = NULL, deleted_at = now(), received_at = now()
        WHERE partner_id = $1 AND country_code = $2 AND party_id = $3 AND object_key = $4
          AND deleted_at IS NULL
        RETURNING 1`,
      params(ref),
    )) as unknown[];
    return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
  }

  private async select(manager: EntityManager, ref: ReceivedRef): Promise<StoredObject<T> | null> {
    const rows = (await manager.query(
      `SELECT object, last_updated, deleted_at FROM ${this.table}
        WHERE partner_id = $1 AND country_code = $2 AND party_id = $3 AND object_key = $4`,
      params(ref),
    )) as Row[];
    const row = rows[0];
    if (!row) return null;
    return {
      object: (row.object as T | null) ?? null,
      lastUpdated: row.last_updated,
      deleted: row.deleted_at !== null,
    };
  }
}
