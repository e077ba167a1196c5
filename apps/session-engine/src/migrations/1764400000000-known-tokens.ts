import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OCPI tokens from `token.token.upserted` (eMSP, contract id per uid and type), so a session started
 * by an RFID idTag names the token's eMSP and contract id in its `cdr_token` (ADR 0032 addendum).
 * Keyed by the upper-cased uid (OCPP idTags are case-insensitive CiStrings) and the token type.
 */
export class KnownTokens1764400000000 implements MigrationInterface {
  name = 'KnownTokens1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "session_engine"."known_tokens" (
         "uid_key" text NOT NULL,
         "type" text NOT NULL,
         "uid" text NOT NULL,
         "country_code" text NOT NULL,
         "party_id" text NOT NULL,
         "contract_id" text NOT NULL,
         "last_updated" timestamptz NOT NULL,
         "updated_at" timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY ("uid_key", "type")
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "session_engine"."known_tokens"`);
  }
}
