import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Location time zones (projection of location.location.upserted.v1) and sessions already rated. */
export class SessionRating1763856000002 implements MigrationInterface {
  name = 'SessionRating1763856000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "tariff_rating"."location_time_zones" (
        "location_key" text PRIMARY KEY,
        "location_id" text NOT NULL,
        "time_zone" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "tariff_rating"."rated_sessions" (
        "session_id" uuid PRIMARY KEY,
        "revision" integer NOT NULL,
        "tariff_id" text NOT NULL,
        "rated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tariff_rating"."rated_sessions"`);
    await queryRunner.query(`DROP TABLE "tariff_rating"."location_time_zones"`);
  }
}
