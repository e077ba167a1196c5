import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ocpiCoreTablesDownSql, ocpiCoreTablesUpSql } from '@voltlane/ocpi-core';

/** OCPI partner registry of ocpi-emsp: partners, their roles and endpoints (ADR 0060). */
export class OcpiCoreTables1763856000000 implements MigrationInterface {
  name = 'OcpiCoreTables1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of ocpiCoreTablesUpSql('ocpi_emsp')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of ocpiCoreTablesDownSql('ocpi_emsp')) await queryRunner.query(sql);
  }
}
