import { ocpiPushChannel, ocpiPushTablesDownSql, ocpiPushTablesUpSql } from './push-tables.sql';

describe('ocpi push tables SQL', () => {
  it('Given a schema, When the DDL is built, Then the table, its trigger and channel are in that schema', () => {
    const up = ocpiPushTablesUpSql('ocpi_cpo').join('\n');
    expect(up).toContain('CREATE TABLE "ocpi_cpo"."ocpi_push_queue"');
    expect(up).toContain(`pg_notify('ocpi_cpo_ocpi_push', '')`);
    expect(ocpiPushTablesDownSql('ocpi_cpo').join('\n')).toContain(
      'DROP TABLE IF EXISTS "ocpi_cpo"."ocpi_push_queue"',
    );
  });

  it('Given a 63-character schema, When its channel is named, Then it fits PostgreSQL identifiers and differs per schema', () => {
    const a = `s${'a'.repeat(61)}1`;
    const b = `s${'a'.repeat(61)}2`;
    expect(ocpiPushChannel(a).length).toBeLessThanOrEqual(63);
    expect(ocpiPushChannel(a)).toMatch(/_ocpi_push$/);
    expect(ocpiPushChannel(a)).not.toBe(ocpiPushChannel(b));
  });

  it('Given an invalid schema name, When the DDL is built, Then it refuses', () => {
    expect(() => ocpiPushTablesUpSql('bad"; DROP')).toThrow(/Invalid schema name/);
  });
});
