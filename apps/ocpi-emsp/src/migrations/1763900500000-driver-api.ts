import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = '"ocpi_emsp"';

/**
 * ADR 0072: the driver API — driver accounts, the contract-id sequence, the commands a driver
 * started (scoping `GET /api/v1/commands/{id}`), the invoice projection fed by
 * `billing.invoice.issued.v1`, and a GiST index over the coordinates of received locations for the
 * nearest-first search (PostGIS is not available: planar `point` bounding boxes, exact distance in
 * SQL). `geo_num` is total (NULL for anything that is not a number), so a location that somehow
 * carries a malformed coordinate can never make a receiver's INSERT fail.
 */
export class DriverApi1763900500000 implements MigrationInterface {
  name = 'DriverApi1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${S}."driver_accounts" (
        "id" uuid PRIMARY KEY,
        "name" text NOT NULL,
        "email" text,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE SEQUENCE ${S}."driver_contract_seq" START 1`);
    await queryRunner.query(`
      CREATE TABLE ${S}."driver_commands" (
        "command_id" text PRIMARY KEY,
        "driver_id" uuid NOT NULL,
        "type" text NOT NULL,
        "partner_id" text NOT NULL,
        "session_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "driver_commands_driver_ix" ON ${S}."driver_commands" ("driver_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE ${S}."driver_invoices" (
        "invoice_id" uuid PRIMARY KEY,
        "invoice_number" text NOT NULL,
        "kind" text NOT NULL,
        "driver_id" text,
        "token_uid_key" text,
        "contract_id_key" text,
        "currency" text NOT NULL,
        "total_excl_vat" numeric NOT NULL,
        "total_vat" numeric NOT NULL,
        "total_incl_vat" numeric NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "invoice" jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "driver_invoices_driver_ix" ON ${S}."driver_invoices" ("driver_id", "issued_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "driver_invoices_token_ix" ON ${S}."driver_invoices" ("token_uid_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "driver_invoices_contract_ix" ON ${S}."driver_invoices" ("contract_id_key")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ${S}."geo_num"(value text) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE WHEN value ~ '^-?[0-9]{1,3}(\\.[0-9]+)?$' THEN value::double precision END
        $$`);
    await queryRunner.query(`
      CREATE INDEX "received_locations_geo_ix" ON ${S}."received_locations" USING gist (
        point(${S}."geo_num"("object"->'coordinates'->>'longitude'),
              ${S}."geo_num"("object"->'coordinates'->>'latitude')))
        WHERE "deleted_at" IS NULL`);
    // the driver's sessions and CDRs are found through the token uid they were charged with
    await queryRunner.query(
      `CREATE INDEX "received_sessions_token_ix" ON ${S}."received_sessions" (upper("object"->'cdr_token'->>'uid'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "received_cdrs_token_ix" ON ${S}."received_cdrs" (upper("cdr"->'cdr_token'->>'uid'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${S}."received_cdrs_token_ix"`);
    await queryRunner.query(`DROP INDEX ${S}."received_sessions_token_ix"`);
    await queryRunner.query(`DROP INDEX ${S}."received_locations_geo_ix"`);
    await queryRunner.query(`DROP FUNCTION ${S}."geo_num"(text)`);
    for (const table of ['driver_invoices', 'driver_commands', 'driver_accounts']) {
      await queryRunner.query(`DROP TABLE ${S}."${table}"`);
    }
    await queryRunner.query(`DROP SEQUENCE ${S}."driver_contract_seq"`);
  }
}
