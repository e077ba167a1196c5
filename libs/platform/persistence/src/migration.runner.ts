import type { DataSource } from 'typeorm';
import { assertSchemaName } from './data-source.factory';

export interface MigrationReport {
  schema: string;
  applied: string[];
}

/**
 * Applies a service's pending migrations under a PostgreSQL advisory lock, so concurrent replicas
 * or Helm hook retries never run the same migration twice. Creates the schema first: TypeORM keeps
 * its `migrations` table inside it.
 */
export async function runServiceMigrations(
  dataSource: DataSource,
  schema: string,
): Promise<MigrationReport> {
  assertSchemaName(schema);
  if (!dataSource.isInitialized) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const lockKey = `voltlane-migrate:${schema}`;
  try {
    await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { schema, applied: applied.map((m) => m.name) };
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey])
      .catch(() => undefined);
    await runner.release();
  }
}

/** Names of the service's migrations that are not yet recorded in its migrations table. */
export async function pendingMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  assertSchemaName(schema);
  const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  const exists: { present: boolean }[] = await dataSource.query(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`"${schema}"."migrations"`],
  );
  if (!exists[0]?.present) return known;
  const rows: { name: string }[] = await dataSource.query(
    `SELECT "name" FROM "${schema}"."migrations"`,
  );
  const applied = new Set(rows.map((r) => r.name));
  return known.filter((name) => !applied.has(name));
}
