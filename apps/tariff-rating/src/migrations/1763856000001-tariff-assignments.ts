import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which tariff applies to a connector: per eMSP party or the connector's default, with dates. */
export class TariffAssignments1763856000001 implements MigrationInterface {
  name = 'TariffAssignments1763856000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tariff_rating"."tariff_assignments" (
        "assignment_id" uuid PRIMARY KEY,
        "location_id" text NOT NULL,
        "evse_uid" text NOT NULL,
        "connector_id" text NOT NULL,
        "emsp_country_code" text,
        "emsp_party_id" text,
        "tariff_country_code" text NOT NULL,
        "tariff_party_id" text NOT NULL,
        "tariff_id" text NOT NULL,
        "valid_from" timestamptz,
        "valid_to" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "tariff_assignments_emsp_ck"
          CHECK (("emsp_country_code" IS NULL) = ("emsp_party_id" IS NULL)),
        CONSTRAINT "tariff_assignments_dates_ck"
          CHECK ("valid_from" IS NULL OR "valid_to" IS NULL OR "valid_from" < "valid_to")
      )`);
    await queryRunner.query(
      `CREATE INDEX "tariff_assignments_connector_ix" ON "tariff_rating"."tariff_assignments"
         (upper("location_id"), upper("evse_uid"), upper("connector_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tariff_assignments_tariff_ix" ON "tariff_rating"."tariff_assignments"
         ("tariff_country_code", "tariff_party_id", upper("tariff_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tariff_rating"."tariff_assignments"`);
  }
}
