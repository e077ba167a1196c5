import {
  assertSchemaName,
  createServiceDataSource,
  SCHEMA_NAME_PATTERN,
} from './data-source.factory';
import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('assertSchemaName', () => {
  it.each(['session_engine', 'a', 'billing2', 'x'.repeat(63), 'ocpp_gateway_v2'])(
    'accepts %s',
    (name) => {
      expect(assertSchemaName(name)).toBe(name);
      expect(SCHEMA_NAME_PATTERN.test(name)).toBe(true);
    },
  );

  it.each([
    ['an injection attempt', 'a"; drop schema public; --'],
    ['a quote', 'a"b'],
    ['a dot', 'public.outbox'],
    ['a hyphen', 'session-engine'],
    ['upper case', 'Session'],
    ['a leading digit', '1abc'],
    ['a leading underscore', '_abc'],
    ['whitespace', 'a b'],
    ['a trailing newline', 'abc\n'],
    ['the empty string', ''],
    ['64 characters', 'x'.repeat(64)],
    ['unicode', 'séance'],
  ])('rejects %s', (_what, name) => {
    expect(() => assertSchemaName(name)).toThrow(/Invalid schema name/);
  });
});

describe('createServiceDataSource', () => {
  it('binds the data source to the service schema, without synchronize or automatic migrations', () => {
    const ds = createServiceDataSource({
      url: 'postgres://user:secret@127.0.0.1:1/voltlane',
      schema: 'session_engine',
      applicationName: 'session-engine',
      poolSize: 7,
    });
    expect(ds.isInitialized).toBe(false);
    expect(ds.options).toMatchObject({
      type: 'postgres',
      schema: 'session_engine',
      applicationName: 'session-engine',
      synchronize: false,
      migrationsRun: false,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      extra: { max: 7, options: '-c search_path=session_engine,public' },
    });
    expect(ds.options.namingStrategy).toBeInstanceOf(SnakeNamingStrategy);
  });

  it('refuses an unsafe schema name (it ends up in search_path and SQL)', () => {
    expect(() =>
      createServiceDataSource({
        url: 'postgres://127.0.0.1:1/voltlane',
        schema: 'x,public -c statement_timeout=1',
        applicationName: 'x',
      }),
    ).toThrow(/Invalid schema name/);
  });
});
