import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TokenUpsertedV1 } from '@voltlane/contracts-events';
import type { CachedToken } from '../domain/authorization-policy';

/** The authorization cache: OCPI tokens pushed by eMSPs, looked up by uid (the OCPP idTag). */
@Injectable()
export class TokenCacheRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the token unless the cache already holds a newer version (newest lastUpdated wins). */
  async upsert(manager: EntityManager, token: TokenUpsertedV1): Promise<void> {
    await manager.query(
      `INSERT INTO "ocpp_gateway"."auth_tokens"
         (country_code, party_id, uid, type, contract_id, valid, whitelist, last_updated, token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (country_code, party_id, uid) DO UPDATE SET
         type = EXCLUDED.type, contract_id = EXCLUDED.contract_id, valid = EXCLUDED.valid,
         whitelist = EXCLUDED.whitelist, last_updated = EXCLUDED.last_updated, token = EXCLUDED.token
       WHERE "auth_tokens".last_updated <= EXCLUDED.last_updated`,
      [
        token.countryCode,
        token.partyId,
        token.uid,
        token.type,
        token.contractId,
        token.valid,
        token.whitelist,
        token.lastUpdated,
        JSON.stringify(token.token),
      ],
    );
  }

  /**
   * The token for an idTag. Two eMSPs may use the same uid: a valid one wins over an invalid one,
   * then the most recently updated.
   */
  async findByUid(uid: string): Promise<CachedToken | null> {
    const rows = (await this.dataSource.query(
      `SELECT uid, valid, whitelist, country_code, party_id FROM "ocpp_gateway"."auth_tokens"
       WHERE uid = $1 ORDER BY valid DESC, last_updated DESC LIMIT 1`,
      [uid],
    )) as {
      uid: string;
      valid: boolean;
      whitelist: CachedToken['whitelist'];
      country_code: string;
      party_id: string;
    }[];
    const r = rows[0];
    return r
      ? {
          uid: r.uid,
          valid: r.valid,
          whitelist: r.whitelist,
          countryCode: r.country_code,
          partyId: r.party_id,
        }
      : null;
  }
}
