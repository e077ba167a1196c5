import { outboxChannel, platformTablesDownSql, platformTablesUpSql } from './platform-tables.sql';

const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('platformTablesUpSql', () => {
  const up = platformTablesUpSql('session_engine').map(squash);

  it('creates the outbox, the inbox, its index, the NOTIFY function and trigger, in that order', () => {
    expect(up).toHaveLength(5);
    expect(up[0]).toMatch(/^CREATE TABLE "session_engine"\."outbox" \(/);
    expect(up[1]).toMatch(/^CREATE TABLE "session_engine"\."processed_events" \(/);
    expect(up[2]).toMatch(
      /^CREATE INDEX "processed_events_processed_at_idx" ON "session_engine"\."processed_events"/,
    );
    expect(up[3]).toMatch(/^CREATE FUNCTION "session_engine"\."outbox_notify"\(\) RETURNS trigger/);
    expect(up[4]).toMatch(
      /^CREATE TRIGGER "outbox_notify" AFTER INSERT ON "session_engine"\."outbox"/,
    );
  });

  it('gives the outbox an ordered id and the columns the writer and relay use', () => {
    expect(up[0]).toContain('"id" bigserial PRIMARY KEY');
    for (const column of [
      '"topic" text NOT NULL',
      '"message_key" text NOT NULL',
      '"payload" text NOT NULL',
      '"headers" jsonb NOT NULL',
      '"created_at" timestamptz NOT NULL DEFAULT clock_timestamp()',
      '"attempts" integer NOT NULL DEFAULT 0',
      '"last_error" text',
    ]) {
      expect(up[0]).toContain(column);
    }
  });

  it('keys the inbox by consumer group and event id', () => {
    expect(up[1]).toContain('"event_id" uuid NOT NULL');
    expect(up[1]).toContain('PRIMARY KEY ("consumer_group", "event_id")');
  });

  it('notifies once per statement on the schema’s channel', () => {
    expect(up[3]).toContain(`pg_notify('session_engine_outbox', '')`);
    expect(up[4]).toContain(
      'FOR EACH STATEMENT EXECUTE FUNCTION "session_engine"."outbox_notify"()',
    );
  });

  it('refuses an unsafe schema name', () => {
    expect(() => platformTablesUpSql('a"; drop table x; --')).toThrow(/Invalid schema name/);
    expect(() => platformTablesDownSql('A')).toThrow(/Invalid schema name/);
  });
});

describe('platformTablesDownSql', () => {
  it('drops what up created, trigger first, tables last, idempotently', () => {
    const down = platformTablesDownSql('billing').map(squash);
    expect(down).toEqual([
      'DROP TRIGGER IF EXISTS "outbox_notify" ON "billing"."outbox"',
      'DROP FUNCTION IF EXISTS "billing"."outbox_notify"()',
      'DROP TABLE IF EXISTS "billing"."processed_events"',
      'DROP TABLE IF EXISTS "billing"."outbox"',
    ]);
  });
});

describe('outboxChannel', () => {
  it('is <schema>_outbox', () => {
    expect(outboxChannel('session_engine')).toBe('session_engine_outbox');
    expect(outboxChannel('x'.repeat(56))).toBe(`${'x'.repeat(56)}_outbox`);
  });

  it('stays within PostgreSQL’s 63-character limit for long schema names, deterministically', () => {
    const long = 'a'.repeat(63);
    const almost = `${'a'.repeat(62)}b`;
    expect(outboxChannel(long).length).toBeLessThanOrEqual(63);
    expect(outboxChannel(long)).toMatch(/^a+_[0-9a-f]{8}_outbox$/);
    expect(outboxChannel(long)).toBe(outboxChannel(long));
    expect(outboxChannel(almost)).not.toBe(outboxChannel(long));
    expect(platformTablesUpSql(long)[3]).toContain(`pg_notify('${outboxChannel(long)}', '')`);
  });

  it('refuses an unsafe schema name', () => {
    expect(() => outboxChannel("x'); select 1; --")).toThrow(/Invalid schema name/);
  });
});
