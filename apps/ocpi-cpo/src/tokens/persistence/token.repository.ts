import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TokenIdentity, TokenJson } from '../domain/received-token';

const S = '"ocpi_cpo"';

/** A token as stored, with the partner that pushed it (the route for real-time authorization). */
export interface StoredToken {
  partnerId: string;
  token: TokenJson;
}

const key = (id: TokenIdentity) => [
  id.countryCode.toUpperCase(),
  id.partyId.toUpperCase(),
  id.uid.toUpperCase(),
  id.type,
];

/** The only TypeORM user of `tokens`. */
@Injectable()
export class TokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: TokenIdentity): Promise<StoredToken | null> {
    return this.findWith(this.dataSource.manager, id, false);
  }

  /** The token row locked for the transaction (null when unknown). */
  async findForUpdate(manager: EntityManager, id: TokenIdentity): Promise<StoredToken | null> {
    return this.findWith(manager, id, true);
  }

  private async findWith(
    manager: EntityManager,
    id: TokenIdentity,
    lock: boolean,
  ): Promise<StoredToken | null> {
    // serialise concurrent PUT/PATCH of one (also not yet existing) token
    if (lock) {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `ocpi-cpo-token:${key(id).join('/')}`,
      ]);
    }
    const rows = (await manager.query(
      `SELECT partner_id, token FROM ${S}."tokens"
        WHERE country_code = $1 AND party_id = $2 AND uid_key = $3 AND type = $4`,
      key(id),
    )) as { partner_id: string; token: TokenJson }[];
    return rows[0] ? { partnerId: rows[0].partner_id, token: rows[0].token } : null;
  }

  async save(
    manager: EntityManager,
    id: TokenIdentity,
    partnerId: string,
    token: TokenJson,
    lastUpdatedIso: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."tokens" (country_code, party_id, uid_key, type, uid, partner_id, whitelist,
         valid, last_updated, token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (country_code, party_id, uid_key, type) DO UPDATE SET
         uid = EXCLUDED.uid, partner_id = EXCLUDED.partner_id, whitelist = EXCLUDED.whitelist,
         valid = EXCLUDED.valid, last_updated = EXCLUDED.last_updated, token = EXCLUDED.token,
         updated_at = now()`,
      [
        ...key(id),
        token.uid,
        partnerId,
        token.whitelist,
        token.valid,
        lastUpdatedIso,
        JSON.stringify(token),
      ],
    );
  }

  /**
   * Tokens whose uid is this OCPP idTag (case-insensitive), RFID first, then the most recently
   * updated: an idTag on a station is normally an RFID card.
   */
  async findByUid(uid: string): Promise<StoredToken[]> {
    const rows = (await this.dataSource.query(
      `SELECT partner_id, token FROM ${S}."tokens" WHERE uid_key = $1
        ORDER BY (type = 'RFID') DESC, last_updated DESC, country_code, party_id, type`,
      [uid.toUpperCase()],
    )) as { partner_id: string; token: TokenJson }[];
    return rows.map((r) => ({ partnerId: r.partner_id, token: r.token }));
  }
}
