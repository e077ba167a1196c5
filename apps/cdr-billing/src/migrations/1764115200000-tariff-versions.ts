import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every version of our tariffs (from `tariff.tariff.upserted`): a CDR's `tariffs` are the OCPI
 * Tariff objects its rating used, as they were when it was rated (docs/adr/0051).
 */
export class TariffVersions1764115200000 implements MigrationInterface {
  name = 'TariffVersions1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "cdr_billing"."tariff_versions" (
        "country_code" char(2) NOT NULL,
        "party_id" char(3) NOT NULL,
        "tariff_key" varchar(36) NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "tariff" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("country_code", "party_id", "tariff_key", "last_updated")
      )`);
    // Complete session parts still waiting for a CDR (e.g. for a tariff not consumed yet).
    await queryRunner.query(
      `CREATE INDEX "session_parts_complete_ix" ON "cdr_billing"."session_parts" ("session_id")
         WHERE "completed" IS NOT NULL AND "rated" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "cdr_billing"."session_parts_complete_ix"`);
    await queryRunner.query(`DROP TABLE "cdr_billing"."tariff_versions"`);
  }
}
