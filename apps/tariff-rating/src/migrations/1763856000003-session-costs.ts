import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The newest session revision a live price was published for (older updates are ignored). */
export class SessionCosts1763856000003 implements MigrationInterface {
  name = 'SessionCosts1763856000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tariff_rating"."session_costs" (
        "session_id" uuid PRIMARY KEY,
        "revision" integer NOT NULL,
        "calculated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tariff_rating"."session_costs"`);
  }
}
