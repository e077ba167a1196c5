import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { keyOf } from '../../shared/domain/received-object';
import type { EmspToken, OcpiTokenJson } from '../domain/emsp-token';

const S = '"ocpi_emsp"';

interface TokenRow {
  uid: string;
  type: string;
  contract_id: string;
  issuer: string;
  valid: boolean;
  whitelist: string;
  visual_number: string | null;
  group_id: string | null;
  language: string | null;
  default_profile_type: string | null;
  energy_contract: OcpiTokenJson['energy_contract'] | null;
  driver_id: string | null;
  last_updated: Date;
}

const COLUMNS = `uid, type, contract_id, issuer, valid, whitelist, visual_number, group_id, language,
  default_profile_type, energy_contract, driver_id, last_updated`;

/** Our tokens (`emsp_tokens`) and the real-time authorizations we gave (`token_authorizations`). */
@Injectable()
export class EmspTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The token, locked for the transaction (also a not yet existing one: upserts serialize). */
  async lockAndFind(
    manager: EntityManager,
    uid: string,
    type: string,
    party: { countryCode: string; partyId: string },
  ): Promise<EmspToken | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `ocpi_emsp.emsp_tokens|${keyOf(uid)}|${type}`,
    ]);
    return this.select(manager, uid, type, party);
  }

  find(
    uid: string,
    type: string,
    party: { countryCode: string; partyId: string },
  ): Promise<EmspToken | null> {
    return this.select(this.dataSource.manager, uid, type, party);
  }

  async save(manager: EntityManager, { token, driverId }: EmspToken): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."emsp_tokens" (uid_key, ${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (uid_key, type) DO UPDATE SET
         contract_id = EXCLUDED.contract_id, issuer = EXCLUDED.issuer, valid = EXCLUDED.valid,
         whitelist = EXCLUDED.whitelist, visual_number = EXCLUDED.visual_number,
         group_id = EXCLUDED.group_id, language = EXCLUDED.language,
         default_profile_type = EXCLUDED.default_profile_type,
         energy_contract = EXCLUDED.energy_contract, driver_id = EXCLUDED.driver_id,
         last_updated = EXCLUDED.last_updated`,
      [
        keyOf(token.uid),
        token.uid,
        token.type,
        token.contract_id,
        token.issuer,
        token.valid,
        token.whitelist,
        token.visual_number ?? null,
        token.group_id ?? null,
        token.language ?? null,
        token.default_profile_type ?? null,
        token.energy_contract ? JSON.stringify(token.energy_contract) : null,
        driverId,
        token.last_updated,
      ],
    );
  }

  /** OCPI GET list page: `(last_updated, uid, type)` order, date_from ≤ last_updated < date_to. */
  async listPage(
    query: { offset: number; limit: number; dateFrom?: Date; dateTo?: Date },
    party: { countryCode: string; partyId: string },
  ): Promise<{ total: number; items: OcpiTokenJson[] }> {
    const where = ['true'];
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
        `SELECT ${COLUMNS} FROM ${S}."emsp_tokens" WHERE ${filter}
          ORDER BY last_updated, uid_key, type
         OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, query.offset, query.limit],
      ) as Promise<TokenRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."emsp_tokens" WHERE ${filter}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => toToken(r, party).token) };
  }

  /** Marks the token as sent to these partners (now). */
  async markSynced(
    manager: EntityManager,
    partnerIds: string[],
    uid: string,
    type: string,
  ): Promise<void> {
    if (partnerIds.length === 0) return;
    await manager.query(
      `INSERT INTO ${S}."token_partner_sync" (partner_id, uid_key, type)
       SELECT p, $2, $3 FROM unnest($1::text[]) AS p
       ON CONFLICT (partner_id, uid_key, type) DO UPDATE SET synced_at = now()`,
      [partnerIds, keyOf(uid), type],
    );
  }

  /**
   * Tokens the partner was not sent since it (re)registered, oldest first, row-locked for the
   * transaction (rows another transaction is changing are skipped: that one pushes them).
   */
  async unsyncedFor(
    manager: EntityManager,
    partnerId: string,
    since: Date,
    limit: number,
    party: { countryCode: string; partyId: string },
  ): Promise<OcpiTokenJson[]> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS.split(',')
        .map((c) => `t.${c.trim()}`)
        .join(', ')}
         FROM ${S}."emsp_tokens" t
        WHERE NOT EXISTS (
          SELECT 1 FROM ${S}."token_partner_sync" s
           WHERE s.partner_id = $1 AND s.uid_key = t.uid_key AND s.type = t.type
             AND s.synced_at >= $2)
        ORDER BY t.last_updated, t.uid_key, t.type
        LIMIT $3
        FOR UPDATE OF t SKIP LOCKED`,
      [partnerId, since, limit],
    )) as TokenRow[];
    return rows.map((r) => toToken(r, party).token);
  }

  async recordAuthorization(record: {
    authorizationReference: string | null;
    partnerId: string;
    tokenUid: string;
    tokenType: string;
    allowed: string;
    location: unknown;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${S}."token_authorizations"
         (authorization_reference, partner_id, token_uid, token_type, allowed, location)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        record.authorizationReference,
        record.partnerId,
        record.tokenUid,
        record.tokenType,
        record.allowed,
        record.location === undefined || record.location === null
          ? null
          : JSON.stringify(record.location),
      ],
    );
  }

  private async select(
    manager: EntityManager,
    uid: string,
    type: string,
    party: { countryCode: string; partyId: string },
  ): Promise<EmspToken | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM ${S}."emsp_tokens" WHERE uid_key = $1 AND type = $2`,
      [keyOf(uid), type],
    )) as TokenRow[];
    return rows[0] ? toToken(rows[0], party) : null;
  }
}

function toToken(r: TokenRow, party: { countryCode: string; partyId: string }): EmspToken {
  const token: OcpiTokenJson = {
    country_code: party.countryCode,
    party_id: party.partyId,
    uid: r.uid,
    type: r.type,
    contract_id: r.contract_id,
    issuer: r.issuer,
    valid: r.valid,
    whitelist: r.whitelist,
    last_updated: r.last_updated.toISOString(),
  };
  if (r.visual_number !== null) token.visual_number = r.visual_number;
  if (r.group_id !== null) token.group_id = r.group_id;
  if (r.language !== null) token.language = r.language;
  if (r.default_profile_type !== null) token.default_profile_type = r.default_profile_type;
  if (r.energy_contract !== null) token.energy_contract = r.energy_contract;
  return { token, driverId: r.driver_id };
}
