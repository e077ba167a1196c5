import 'reflect-metadata';
import { createLogger } from '@voltlane/platform-core';
import { MigrateEnv, runMigrateCommand } from '@voltlane/platform-runtime';
import { runWithConfig } from '@voltlane/platform-service';
import { MIGRATIONS } from './migrations';
import { SCHEMA, SERVICE_NAME } from './persistence/cdr-billing.schema';

/** `node dist/apps/cdr-billing/src/migrate.js`: applies pending migrations of schema `cdr_billing`. */
void runWithConfig(
  MigrateEnv,
  async (config) => {
    const logger = createLogger(SERVICE_NAME, 'Migrate');
    await runMigrateCommand({
      serviceName: SERVICE_NAME,
      schema: SCHEMA,
      migrations: MIGRATIONS,
      databaseUrl: config.DATABASE_URL,
      log: (msg, fields) => logger.log(msg, fields),
    });
  },
  { serviceName: SERVICE_NAME },
);
