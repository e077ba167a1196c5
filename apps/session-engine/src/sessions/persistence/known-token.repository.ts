import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KnownToken } from '../domain/known-token';

const S = '"session_engine"';

/** OCPI tokens from `token.token.upserted`, inside the consumer's transaction. */
export interface KnownTokenStore {
  /** Keeps the token unless a newer (or equally new) version of this uid + type is held. */
  upsert(token: KnownToken): Promise<void>;
  /** The token of an OCPP idTag (uid case-insensitive): type RFID first, else the newest. */
  findByIdTag(idTag: string): Promise<KnownToken | undefined>;
}

interface TokenRow {
  uid: string;
  type: KnownToken['type'];
  country_code: string;
  party_id: string;
  contract_id: string;
  last_updated: Date;
}

@Injectable()
export class KnownTokenRepository {
  bind(manager: EntityManager): KnownTokenStore {
    return new TransactionalKnownTokenStore(manager);
  }
}

class TransactionalKnownTokenStore implements KnownTokenStore {
  constructor(private readonly manager: EntityManager) {}

  async upsert(t: KnownToken): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${S}."known_tokens" ("uid_key", "type", "uid", "country_code", "party_id",
         "contract_id", "last_updated", "updated_at")
       VALUES (upper($1), $2, $1, $3, $4, $5, $6, now())
       ON CONFLICT ("uid_key", "type") DO UPDATE SET
         "uid" = EXCLUDED."uid", "country_code" = EXCLUDED."country_code",
         "party_id" = EXCLUDED."party_id", "contract_id" = EXCLUDED."contract_id",
         "last_updated" = EXCLUDED."last_updated", "updated_at" = now()
       WHERE "known_tokens"."last_updated" < EXCLUDED."last_updated"`,
      [
        t.uid,
        t.type,
        t.countryCode,
        t.partyId,
        t.contractId,
        new Date(t.lastUpdated).toISOString(),
      ],
    );
  }

  async findByIdTag(idTag: string): Promise<KnownToken | undefined> {
    const rows: TokenRow[] = await this.manager.query(
      `SELECT "uid", "type", "country_code", "party_id", "contract_id", "last_updated"
       FROM ${S}."known_tokens" WHERE "uid_key" = upper($1)
       ORDER BY ("type" = 'RFID') DESC, "last_updated" DESC LIMIT 1`,
      [idTag],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      uid: r.uid,
      type: r.type,
      countryCode: r.country_code,
      partyId: r.party_id,
      contractId: r.contract_id,
      lastUpdated: new Date(r.last_updated).getTime(),
    };
  }
}
