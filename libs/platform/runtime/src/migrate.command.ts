import { createServiceDataSource, runServiceMigrations } from '@voltlane/platform-persistence';
import type { MixedList } from 'typeorm';

export interface MigrateCommandOptions {
  serviceName: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  databaseUrl: string;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * The body of every service's `migrate` entry point (used by `npm start`, `npm run migrate` and the
 * Helm pre-install/pre-upgrade Job): applies pending migrations of the service's own schema under an
 * advisory lock, then closes the connection. Returns the names of the migrations it applied.
 */
export async function runMigrateCommand(options: MigrateCommandOptions): Promise<string[]> {
  const dataSource = createServiceDataSource({
    url: options.databaseUrl,
    schema: options.schema,
    applicationName: `${options.serviceName}:migrate`,
    migrations: options.migrations,
    poolSize: 2,
  });
  try {
    const report = await runServiceMigrations(dataSource, options.schema);
    options.log('migrations applied', { schema: report.schema, applied: report.applied });
    return report.applied;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
