import type { MigrationInterface, QueryRunner } from 'typeorm';
import { platformTablesDownSql, platformTablesUpSql } from '@voltlane/platform-persistence';

/** Outbox and inbox (processed events) of ocpp-gateway. */
export class PlatformTables1763769600000 implements MigrationInterface {
  name = 'PlatformTables1763769600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of platformTablesUpSql('ocpp_gateway')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of platformTablesDownSql('ocpp_gateway')) await queryRunner.query(sql);
  }
}
