import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OCPI Sessions and CDRs we send (ADR 0065): the latest Session per id (with what each eMSP was
 * given — `partner_views` — so updates become PATCHes of the changed fields), charging preferences, and immutable CDRs
 * with where each eMSP stored them (its `Location` header).
 */
export class SessionsCdrs1763900100000 implements MigrationInterface {
  name = 'SessionsCdrs1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."sessions" (
        "session_key" text PRIMARY KEY CHECK ("session_key" = upper("session_key")),
        "session_id" text NOT NULL,
        "revision" integer NOT NULL DEFAULT 0,
        "source_last_updated" timestamptz,
        "source" jsonb,
        "session" jsonb,
        "cost" jsonb,
        "last_updated" timestamptz,
        "token_country_code" text,
        "token_party_id" text,
        "partner_views" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // Sender GET list: per token owner (isolation), (last_updated, id) order
    await queryRunner.query(
      `CREATE INDEX "sessions_owner_listed_ix" ON "ocpi_cpo"."sessions"
        ("token_country_code", "token_party_id", "last_updated", "session_key")
        WHERE "session" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."session_charging_preferences" (
        "session_key" text PRIMARY KEY REFERENCES "ocpi_cpo"."sessions" ("session_key"),
        "partner_id" text NOT NULL,
        "preferences" jsonb NOT NULL,
        "response" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."cdrs" (
        "cdr_key" text PRIMARY KEY CHECK ("cdr_key" = upper("cdr_key")),
        "cdr_id" text NOT NULL,
        "session_id" text,
        "credit" boolean NOT NULL,
        "token_country_code" text NOT NULL,
        "token_party_id" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "cdr" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "cdrs_owner_listed_ix" ON "ocpi_cpo"."cdrs"
        ("token_country_code", "token_party_id", "last_updated", "cdr_key")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."cdr_deliveries" (
        "cdr_key" text NOT NULL REFERENCES "ocpi_cpo"."cdrs" ("cdr_key"),
        "partner_id" text NOT NULL,
        "location" text,
        "delivered_at" timestamptz,
        "enqueued_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("cdr_key", "partner_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."cdr_deliveries"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."cdrs"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."session_charging_preferences"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."sessions"`);
  }
}
