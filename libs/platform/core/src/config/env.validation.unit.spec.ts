import { IsBoolean, IsOptional, IsString, MinLength } from 'class-validator';
import { BaseServiceEnv } from './base-service.env';
import { describeConfig } from './config.redaction';
import {
  ConfigValidationError,
  EX_CONFIG,
  loadConfigOrExit,
  validateEnv,
  type ConfigIssue,
} from './env.validation';
import { Sensitive } from './sensitive.decorator';

class TestServiceEnv extends BaseServiceEnv {
  override PORT = 9001;

  @Sensitive()
  @IsString()
  @MinLength(16)
  ADMIN_API_KEY: string;

  @IsBoolean()
  FEATURE_PUSH_ENABLED = false;

  @IsOptional()
  @IsString()
  OCPI_PARTY_ID?: string;
}

const validEnv = {
  KAFKA_BROKERS: 'kafka-1:9092, kafka-2:19092',
  DATABASE_URL: 'postgres://app:db-password-123@db:5432/voltlane',
  ADMIN_API_KEY: 'admin-key-0123456789abcdef',
};

function catchConfigError(fn: () => unknown): ConfigValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigValidationError) return err;
    throw err;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('validateEnv', () => {
  it('given a valid env, when validated, then converts types and keeps class defaults', () => {
    const config = validateEnv(TestServiceEnv, { ...validEnv, FEATURE_PUSH_ENABLED: 'true' });

    expect(config).toBeInstanceOf(TestServiceEnv);
    expect(config.PORT).toBe(9001);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(15_000);
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(6);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.NODE_ENV).toBe('production');
    expect(config.FEATURE_PUSH_ENABLED).toBe(true);
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
  });

  it('converts numeric strings and "false"/"0" booleans instead of treating them as truthy', () => {
    const config = validateEnv(TestServiceEnv, {
      ...validEnv,
      PORT: ' 8080 ',
      SHUTDOWN_TIMEOUT_MS: '2000',
      FEATURE_PUSH_ENABLED: 'false',
    });
    expect(config.PORT).toBe(8080);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(2000);
    expect(config.FEATURE_PUSH_ENABLED).toBe(false);
    expect(validateEnv(TestServiceEnv, { ...validEnv, FEATURE_PUSH_ENABLED: '0' })).toMatchObject({
      FEATURE_PUSH_ENABLED: false,
    });
  });

  it('reads only declared variables and treats empty ones as unset', () => {
    const config = validateEnv(TestServiceEnv, { ...validEnv, HOME: '/root', LOG_LEVEL: '' });
    expect(config).not.toHaveProperty('HOME');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('given many bad variables, when validated, then lists every one of them', () => {
    const error = catchConfigError(() =>
      validateEnv(TestServiceEnv, {
        PORT: 'ninety',
        LOG_LEVEL: 'loud',
        KAFKA_BROKERS: 'kafka-1:9092,,kafka-2',
        DATABASE_URL: 'mysql://app:db-password-123@db/voltlane',
        SHUTDOWN_TIMEOUT_MS: '10',
        FEATURE_PUSH_ENABLED: 'maybe',
        // ADMIN_API_KEY missing
      }),
    );

    const variables = error.issues.map((i) => i.variable).sort();
    expect(variables).toEqual(
      [
        'ADMIN_API_KEY',
        'DATABASE_URL',
        'FEATURE_PUSH_ENABLED',
        'KAFKA_BROKERS',
        'LOG_LEVEL',
        'PORT',
        'SHUTDOWN_TIMEOUT_MS',
      ].sort(),
    );
    for (const variable of variables) {
      expect(error.message).toContain(`- ${variable}`);
    }
    expect(error.code).toBe('PLATFORM.CONFIG_INVALID');
    const port = error.issues.find((i) => i.variable === 'PORT') as ConfigIssue;
    expect(port).toMatchObject({ set: true, sensitive: false, value: 'ninety' });
    expect(port.problems).toContain('must be an integer number');
    expect(error.issues.find((i) => i.variable === 'ADMIN_API_KEY')).toMatchObject({
      set: false,
      sensitive: true,
    });
    expect(error.message).toContain('ADMIN_API_KEY (not set)');
  });

  it('never reveals the value of a sensitive variable', () => {
    const error = catchConfigError(() =>
      validateEnv(TestServiceEnv, {
        ...validEnv,
        DATABASE_URL: 'mysql://app:db-password-123@db/voltlane',
        ADMIN_API_KEY: 'short-secret',
      }),
    );
    const serialized = JSON.stringify({ message: error.message, issues: error.issues });
    expect(serialized).not.toContain('db-password-123');
    expect(serialized).not.toContain('short-secret');
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['ADMIN_API_KEY', 'DATABASE_URL']);
    expect(error.issues.every((i) => i.value === undefined && i.sensitive)).toBe(true);
    expect(error.message).toContain('DATABASE_URL (value hidden: sensitive)');
  });

  it('treats variables with secret-looking names as sensitive even without @Sensitive', () => {
    class TokenEnv {
      @MinLength(10)
      PARTNER_TOKEN: string;
    }
    const error = catchConfigError(() => validateEnv(TokenEnv, { PARTNER_TOKEN: 'tok-123' }));
    expect(error.issues[0]).toMatchObject({ variable: 'PARTNER_TOKEN', sensitive: true });
    expect(JSON.stringify(error.issues)).not.toContain('tok-123');
  });
});

describe('loadConfigOrExit', () => {
  it('given an invalid env, writes one JSON line listing every bad variable and exits with 78', () => {
    const lines: string[] = [];
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });

    expect(() =>
      loadConfigOrExit(TestServiceEnv, {
        env: { ...validEnv, PORT: '70000', KAFKA_BROKERS: undefined },
        serviceName: 'session-engine',
        exit,
        writeError: (line) => lines.push(line),
      }),
    ).toThrow('exit 78');

    expect(exit).toHaveBeenCalledWith(EX_CONFIG);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]) as { level: string; service: string; errors: ConfigIssue[] };
    expect(entry).toMatchObject({ level: 'fatal', service: 'session-engine' });
    expect(entry.errors.map((e) => e.variable).sort()).toEqual(['KAFKA_BROKERS', 'PORT']);
  });

  it('given a valid env, returns the config', () => {
    expect(loadConfigOrExit(TestServiceEnv, { env: validEnv }).PORT).toBe(9001);
  });
});

describe('describeConfig', () => {
  it('redacts sensitive values and masks the database password', () => {
    const config = validateEnv(TestServiceEnv, {
      ...validEnv,
      DATABASE_URL:
        'postgres://app:db-password-123@db:5432/voltlane?sslpassword=x1&application_name=se',
    });

    const described = describeConfig(config);

    expect(described.ADMIN_API_KEY).toBe('[REDACTED]');
    expect(described.DATABASE_URL).toBe(
      'postgres://app:***@db:5432/voltlane?sslpassword=***&application_name=se',
    );
    expect(described.PORT).toBe(9001);
    expect(JSON.stringify(described)).not.toContain('db-password-123');
    expect(JSON.stringify(described)).not.toContain('admin-key-0123456789abcdef');
  });
});
