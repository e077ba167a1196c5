import type { MigrationInterface, QueryRunner } from 'typeorm';
import { platformTablesDownSql, platformTablesUpSql } from '@voltlane/platform-persistence';

/** Outbox and inbox (processed events) of session-engine. */
export class PlatformTables1763769600000 implements MigrationInterface {
  name = 'PlatformTables1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of platformTablesUpSql('session_engine')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of platformTablesDownSql('session_engine')) await queryRunner.query(sql);
  }
}
