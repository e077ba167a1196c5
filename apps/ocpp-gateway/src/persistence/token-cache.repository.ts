import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthorizationDecidedV1, TokenUpsertedV1 } from '@voltlane/contracts-events';
import type { CachedToken, RealTimeDecision } from '../domain/authorization-policy';

/**
 * The authorization cache: OCPI tokens pushed by eMSPs, looked up by uid (the OCPP idTag), and the
 * newest real-time decision per idTag.
 */
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

  /** Remembers a real-time decision unless a newer one for the idTag is stored already. */
  async recordDecision(manager: EntityManager, decision: AuthorizationDecidedV1): Promise<void> {
    await manager.query(
      `INSERT INTO "ocpp_gateway"."auth_decisions"
         (id_tag, status, expiry_date, parent_id_tag, decision_source, request_id, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id_tag) DO UPDATE SET
         status = EXCLUDED.status, expiry_date = EXCLUDED.expiry_date,
         parent_id_tag = EXCLUDED.parent_id_tag, decision_source = EXCLUDED.decision_source,
         request_id = EXCLUDED.request_id, decided_at = EXCLUDED.decided_at
       WHERE "auth_decisions".decided_at <= EXCLUDED.decided_at`,
      [
        decision.idTag,
        decision.status,
        decision.expiryDate ?? null,
        decision.parentIdTag ?? null,
        decision.decisionSource,
        decision.requestId,
        decision.decidedAt,
      ],
    );
  }

  /** The newest real-time decision for an idTag, if any. */
  async lastDecision(idTag: string): Promise<RealTimeDecision | null> {
    const rows = (await this.dataSource.query(
      `SELECT status, expiry_date, parent_id_tag FROM "ocpp_gateway"."auth_decisions"
       WHERE id_tag = $1`,
      [idTag],
    )) as {
      status: RealTimeDecision['status'];
      expiry_date: Date | null;
      parent_id_tag: string | null;
    }[];
    const r = rows[0];
    if (!r) return null;
    return {
      status: r.status,
      ...(r.expiry_date ? { expiryDate: r.expiry_date.toISOString() } : {}),
      ...(r.parent_id_tag ? { parentIdTag: r.parent_id_tag } : {}),
    };
  }
}
