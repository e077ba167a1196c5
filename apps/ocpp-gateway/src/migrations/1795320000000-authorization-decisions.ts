import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newest real-time authorization decision per idTag (from ocpp.authorization.decided), used
 * when the eMSP cannot be reached: an `Accepted` holds until its expiry date, then `Expired`.
 */
export class AuthorizationDecisions1795320000000 implements MigrationInterface {
  name = 'AuthorizationDecisions1795320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."auth_decisions" (
        "id_tag" text PRIMARY KEY,
        "status" text NOT NULL
          CHECK ("status" IN ('Accepted', 'Blocked', 'Expired', 'Invalid', 'ConcurrentTx')),
        "expiry_date" timestamptz,
        "parent_id_tag" text,
        "decision_source" text NOT NULL,
        "request_id" uuid NOT NULL,
        "decided_at" timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."auth_decisions"`);
  }
}
