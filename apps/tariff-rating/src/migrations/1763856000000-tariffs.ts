import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OCPI 2.2.1 tariffs of our CPO (the full object as JSONB beside its identifying columns). */
export class Tariffs1763856000000 implements MigrationInterface {
  name = 'Tariffs1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tariff_rating"."tariffs" (
        "country_code" text NOT NULL CHECK ("country_code" = upper("country_code")),
        "party_id" text NOT NULL CHECK ("party_id" = upper("party_id")),
        "tariff_id" text NOT NULL,
        "tariff_key" text GENERATED ALWAYS AS (upper("tariff_id")) STORED,
        "currency" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "tariff" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "tariffs_pk" PRIMARY KEY ("country_code", "party_id", "tariff_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "tariffs_last_updated_ix" ON "tariff_rating"."tariffs" ("last_updated", "tariff_key")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tariff_rating"."tariffs"`);
  }
}
