import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDataSourceOptions {
  /** postgres://user:pass@host:port/db */
  url: string;
  /** The service's own schema, e.g. `session_engine`. Nothing else writes to it. */
  schema: string;
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
}

export const SCHEMA_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME_PATTERN.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return schema;
}

/**
 * One TypeORM data source per service, bound to the service's own schema (search_path and
 * TypeORM's default schema), never `synchronize`: the schema changes only through migrations.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const schema = assertSchemaName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    applicationName: options.applicationName,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'],
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      options: `-c search_path=${schema},public`,
    },
  });
}
