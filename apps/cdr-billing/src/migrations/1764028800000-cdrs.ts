import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session parts waiting for their counterpart (completed session, rating) and the immutable CDRs.
 * A trigger rejects UPDATE, DELETE and TRUNCATE on `cdrs`: corrections are credit CDRs.
 */
export class Cdrs1764028800000 implements MigrationInterface {
  name = 'Cdrs1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."session_parts" (
        "session_id" uuid PRIMARY KEY,
        "completed" jsonb,
        "rated" jsonb,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."cdrs" (
        "cdr_id" varchar(36) PRIMARY KEY,
        "session_id" uuid NOT NULL,
        "kind" varchar(16) NOT NULL CHECK ("kind" IN ('ORIGINAL', 'CREDIT', 'CORRECTION')),
        "credit" boolean NOT NULL,
        "credit_reference_id" varchar(36) REFERENCES "cdr_billing"."cdrs" ("cdr_id"),
        "emsp_country_code" char(2) NOT NULL,
        "emsp_party_id" char(3) NOT NULL,
        "currency" char(3) NOT NULL,
        "total_cost_excl_vat" numeric(14, 4) NOT NULL,
        "total_cost_incl_vat" numeric(14, 4),
        "total_energy_wh" integer NOT NULL,
        "start_date_time" timestamptz NOT NULL,
        "end_date_time" timestamptz NOT NULL,
        "tariff_ids" text[] NOT NULL,
        "cdr" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CHECK ("credit" = ("kind" = 'CREDIT')),
        CHECK (("credit_reference_id" IS NOT NULL) = "credit")
      )`);
    // Exactly one CDR from rating per session; every CDR credited at most once.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cdrs_one_original_per_session" ON "cdr_billing"."cdrs" ("session_id") WHERE "kind" = 'ORIGINAL'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cdrs_credited_once" ON "cdr_billing"."cdrs" ("credit_reference_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cdrs_by_start" ON "cdr_billing"."cdrs" ("start_date_time" DESC, "cdr_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "cdrs_by_session" ON "cdr_billing"."cdrs" ("session_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "cdr_billing"."reject_cdr_mutation"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'CDRs are immutable: % on cdr_billing.cdrs is not allowed', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "cdrs_immutable_rows" BEFORE UPDATE OR DELETE ON "cdr_billing"."cdrs"
      FOR EACH ROW EXECUTE FUNCTION "cdr_billing"."reject_cdr_mutation"()`);
    await queryRunner.query(`
      CREATE TRIGGER "cdrs_immutable_table" BEFORE TRUNCATE ON "cdr_billing"."cdrs"
      FOR EACH STATEMENT EXECUTE FUNCTION "cdr_billing"."reject_cdr_mutation"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "cdr_billing"."cdrs"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS "cdr_billing"."reject_cdr_mutation"()`);
    await queryRunner.query(`DROP TABLE IF EXISTS "cdr_billing"."session_parts"`);
  }
}
