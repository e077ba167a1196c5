import { Pool } from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource } from './data-source.factory';
import { pendingMigrations, runServiceMigrations } from './migration.runner';
import { platformTablesDownSql, platformTablesUpSql } from './platform-tables.sql';
import { databaseUrl, dropSchema, uniqueSchema } from './testing/platform-schema.fixture';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function migrationsFor(schema: string, options: { failing?: boolean } = {}): Function[] {
  class PlatformTables1763769600001 implements MigrationInterface {
    name = 'PlatformTables1763769600001';
    async up(q: QueryRunner): Promise<void> {
      for (const sql of platformTablesUpSql(schema)) await q.query(sql);
    }
    async down(q: QueryRunner): Promise<void> {
      for (const sql of platformTablesDownSql(schema)) await q.query(sql);
    }
  }
  /** Slow and not re-runnable (plain CREATE TABLE): running it twice would fail. */
  class Widgets1763769600002 implements MigrationInterface {
    name = 'Widgets1763769600002';
    async up(q: QueryRunner): Promise<void> {
      await q.query('SELECT pg_sleep(0.3)');
      await q.query(`CREATE TABLE "${schema}"."widgets" ("id" integer PRIMARY KEY)`);
      await q.query(`INSERT INTO "${schema}"."widgets" VALUES (1)`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}"."widgets"`);
    }
  }
  class Broken1763769600003 implements MigrationInterface {
    name = 'Broken1763769600003';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE "${schema}"."half_done" ("id" integer)`);
      await q.query('SELECT * FROM "no_such_table_anywhere"');
    }
    async down(): Promise<void> {}
  }
  return options.failing
    ? [PlatformTables1763769600001, Widgets1763769600002, Broken1763769600003]
    : [PlatformTables1763769600001, Widgets1763769600002];
}

describe('runServiceMigrations / pendingMigrations (real PostgreSQL)', () => {
  const schemas: string[] = [];
  const dataSources: DataSource[] = [];
  let pool: Pool;

  function dataSource(schema: string, failing = false): DataSource {
    const ds = createServiceDataSource({
      url: databaseUrl(),
      schema,
      applicationName: `migrations-it-${schema}`,
      migrations: migrationsFor(schema, { failing }),
      poolSize: 3,
    });
    dataSources.push(ds);
    return ds;
  }

  function newSchema(): string {
    const schema = uniqueSchema('migrations');
    schemas.push(schema);
    return schema;
  }

  const recorded = async (schema: string) =>
    (
      await pool.query<{ name: string }>(
        `SELECT "name" FROM "${schema}"."migrations" ORDER BY "id"`,
      )
    ).rows.map((r) => r.name);

  beforeAll(() => {
    pool = new Pool({ connectionString: databaseUrl(), max: 2 });
  });

  afterAll(async () => {
    for (const ds of dataSources) if (ds.isInitialized) await ds.destroy();
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool?.end();
  });

  it('creates the schema, applies pending migrations in order, and is idempotent', async () => {
    const schema = newSchema();
    const ds = dataSource(schema);
    await ds.initialize();
    expect(await pendingMigrations(ds, schema)).toEqual([
      'PlatformTables1763769600001',
      'Widgets1763769600002',
    ]);

    const first = await runServiceMigrations(ds, schema);
    expect(first).toEqual({
      schema,
      applied: ['PlatformTables1763769600001', 'Widgets1763769600002'],
    });
    expect(await pendingMigrations(ds, schema)).toEqual([]);
    expect(await recorded(schema)).toEqual(['PlatformTables1763769600001', 'Widgets1763769600002']);

    expect(await runServiceMigrations(ds, schema)).toEqual({ schema, applied: [] });
    expect(await recorded(schema)).toHaveLength(2);
  });

  it('initialises the data source itself when needed', async () => {
    const schema = newSchema();
    const ds = dataSource(schema);
    expect(ds.isInitialized).toBe(false);
    expect((await runServiceMigrations(ds, schema)).applied).toHaveLength(2);
    expect(ds.isInitialized).toBe(true);
  });

  it('lets concurrent runs from two data sources (two replicas) both succeed, applying each migration once', async () => {
    const schema = newSchema();
    const [a, b] = [dataSource(schema), dataSource(schema)];
    const reports = await Promise.all([
      runServiceMigrations(a, schema),
      runServiceMigrations(b, schema),
    ]);
    expect(reports.flatMap((r) => r.applied).sort()).toEqual([
      'PlatformTables1763769600001',
      'Widgets1763769600002',
    ]);
    expect(await recorded(schema)).toEqual(['PlatformTables1763769600001', 'Widgets1763769600002']);
    expect(await pendingMigrations(a, schema)).toEqual([]);
    expect(await pendingMigrations(b, schema)).toEqual([]);
  });

  it('keeps a failed migration pending (rolled back) and releases the lock for the next run', async () => {
    const schema = newSchema();
    const ds = dataSource(schema, true);
    const typeormLog = jest.spyOn(console, 'log').mockImplementation(() => undefined); // expected error
    try {
      await expect(runServiceMigrations(ds, schema)).rejects.toThrow(/no_such_table_anywhere/);
    } finally {
      typeormLog.mockRestore();
    }
    expect(await pendingMigrations(ds, schema)).toEqual(['Broken1763769600003']);
    const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [
      `"${schema}"."half_done"`,
    ]);
    expect(rows[0].t).toBeNull();
    // The advisory lock was released: a healthy replica migrates the same schema at once.
    const healthy = dataSource(schema);
    await expect(runServiceMigrations(healthy, schema)).resolves.toEqual({ schema, applied: [] });
  });

  it('refuses a schema name that is not a plain identifier, before touching the database', async () => {
    const ds = dataSource(newSchema());
    await expect(runServiceMigrations(ds, 'a"; drop schema public; --')).rejects.toThrow(
      /Invalid schema name/,
    );
    expect(ds.isInitialized).toBe(false);
    await expect(pendingMigrations(ds, 'Public')).rejects.toThrow(/Invalid schema name/);
  });
});
