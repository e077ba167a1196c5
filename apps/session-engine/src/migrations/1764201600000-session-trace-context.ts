import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context (`traceparent`, `tracestate`) of the operation that started a session, so
 * its completion (published later by the due-session sweeper, outside any request) continues the
 * session's trace: StartTransaction → session → rating → CDR stays one trace.
 */
export class SessionTraceContext1764201600000 implements MigrationInterface {
  name = 'SessionTraceContext1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_engine"."charging_sessions" ADD COLUMN "trace_context" jsonb`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_engine"."charging_sessions" DROP COLUMN "trace_context"`,
    );
  }
}
