import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Driver invoices from CDRs received by our eMSP (ADR 0052): the gap-free number series per eMSP
 * party and year (a counter row, locked by the transaction that inserts the invoice), the
 * immutable invoices (one per received CDR), and credit CDRs waiting for their original's invoice.
 */
export class Invoices1764300000000 implements MigrationInterface {
  name = 'Invoices1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."invoice_number_series" (
        "emsp_country_code" char(2) NOT NULL,
        "emsp_party_id" char(3) NOT NULL,
        "year" integer NOT NULL,
        "last_number" integer NOT NULL CHECK ("last_number" >= 0),
        PRIMARY KEY ("emsp_country_code", "emsp_party_id", "year")
      )`);
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."invoices" (
        "invoice_id" uuid PRIMARY KEY,
        "invoice_number" varchar(64) NOT NULL,
        "kind" varchar(16) NOT NULL CHECK ("kind" IN ('INVOICE', 'CREDIT_NOTE')),
        "emsp_country_code" char(2) NOT NULL,
        "emsp_party_id" char(3) NOT NULL,
        "year" integer NOT NULL,
        "sequence" integer NOT NULL,
        "cpo_country_code" char(2) NOT NULL,
        "cpo_party_id" char(3) NOT NULL,
        "cdr_id" varchar(39) NOT NULL,
        "credited_invoice_id" uuid REFERENCES "cdr_billing"."invoices" ("invoice_id"),
        "driver_id" varchar(64),
        "token_uid" varchar(36) NOT NULL,
        "contract_id" varchar(36) NOT NULL,
        "currency" char(3) NOT NULL,
        "total_excl_vat" numeric(14, 4) NOT NULL,
        "total_vat" numeric(14, 4) NOT NULL,
        "total_incl_vat" numeric(14, 4) NOT NULL,
        "lines" jsonb NOT NULL,
        "cdr_start_date_time" timestamptz NOT NULL,
        "cdr_end_date_time" timestamptz NOT NULL,
        "issued_at" timestamptz NOT NULL,
        CHECK (("credited_invoice_id" IS NOT NULL) = ("kind" = 'CREDIT_NOTE')),
        CHECK ("total_vat" = "total_incl_vat" - "total_excl_vat"),
        UNIQUE ("cpo_country_code", "cpo_party_id", "cdr_id"),
        UNIQUE ("emsp_country_code", "emsp_party_id", "year", "sequence"),
        UNIQUE ("emsp_country_code", "emsp_party_id", "invoice_number"),
        UNIQUE ("credited_invoice_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "invoices_by_issue" ON "cdr_billing"."invoices" ("issued_at" DESC, "invoice_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "invoices_by_driver" ON "cdr_billing"."invoices" ("driver_id", "issued_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "invoices_by_contract" ON "cdr_billing"."invoices" ("contract_id", "issued_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "invoices_by_number" ON "cdr_billing"."invoices" ("invoice_number")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "cdr_billing"."reject_invoice_mutation"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'Invoices are immutable: % on cdr_billing.invoices is not allowed', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER "invoices_immutable_rows" BEFORE UPDATE OR DELETE ON "cdr_billing"."invoices"
      FOR EACH ROW EXECUTE FUNCTION "cdr_billing"."reject_invoice_mutation"()`);
    await queryRunner.query(`
      CREATE TRIGGER "invoices_immutable_table" BEFORE TRUNCATE ON "cdr_billing"."invoices"
      FOR EACH STATEMENT EXECUTE FUNCTION "cdr_billing"."reject_invoice_mutation"()`);
    // A credit CDR consumed before its original's invoice exists waits here (same CPO).
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."pending_credit_cdrs" (
        "cpo_country_code" char(2) NOT NULL,
        "cpo_party_id" char(3) NOT NULL,
        "cdr_id" varchar(39) NOT NULL,
        "credited_cdr_id" varchar(39) NOT NULL,
        "source" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("cpo_country_code", "cpo_party_id", "cdr_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "pending_credit_cdrs_by_credited" ON "cdr_billing"."pending_credit_cdrs" ("cpo_country_code", "cpo_party_id", "credited_cdr_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "cdr_billing"."pending_credit_cdrs"`);
    await queryRunner.query(`DROP TABLE IF EXISTS "cdr_billing"."invoices"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS "cdr_billing"."reject_invoice_mutation"()`);
    await queryRunner.query(`DROP TABLE IF EXISTS "cdr_billing"."invoice_number_series"`);
  }
}
