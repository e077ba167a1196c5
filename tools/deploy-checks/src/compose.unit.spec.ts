import { MigrateEnv } from '@voltlane/platform-runtime';
import {
  environmentOf,
  interpolate,
  loadRepoCompose,
  parseCompose,
  validateComposeSchema,
} from './compose-file';
import { checkEnvironment, discoverServiceEnvs, envSpecOf } from './service-env';

const compose = loadRepoCompose();
const services = discoverServiceEnvs();
const byServiceVariable = (app: string) =>
  Object.entries(compose.services).filter(
    ([, definition]) => environmentOf(definition).SERVICE === app,
  );

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    expect(validateComposeSchema(compose)).toEqual([]);
  });

  it('runs every service in apps/ exactly once, and nothing that is not one', () => {
    expect(services.map((s) => s.service)).toHaveLength(6);
    for (const { service } of services) {
      expect(byServiceVariable(service).map(([name]) => name)).toEqual([service]);
    }
    const appServices = Object.values(compose.services)
      .map((definition) => environmentOf(definition).SERVICE)
      .filter((s): s is string => s !== undefined);
    expect(appServices.sort()).toEqual(services.map((s) => s.service).sort());
  });

  describe.each(discoverServiceEnvs().map((s) => [s.service, s] as const))('%s', (name, spec) => {
    const definition = compose.services[name];
    const env = environmentOf(definition);

    it(`sets exactly the variables ${spec.envClass.name} accepts, with valid values`, () => {
      expect(checkEnvironment(spec, env)).toEqual([]);
    });

    it('publishes its PORT on the same host port', () => {
      const port = env.PORT ?? String(spec.variables.find((v) => v.name === 'PORT')?.defaultValue);
      expect(definition.ports).toEqual([`${port}:${port}`]);
    });

    it('has a healthcheck and starts after Kafka, PostgreSQL and the migrations', () => {
      expect(definition.healthcheck?.test).toEqual(expect.arrayContaining(['CMD']));
      expect(definition.depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    });

    it('gets a stop grace period longer than its own shutdown bound', () => {
      const graceMs = Number(/^(\d+)s$/.exec(definition.stop_grace_period ?? '')?.[1]) * 1000;
      const shutdown = Number(
        env.SHUTDOWN_TIMEOUT_MS ??
          spec.variables.find((v) => v.name === 'SHUTDOWN_TIMEOUT_MS')?.defaultValue,
      );
      expect(graceMs).toBeGreaterThan(shutdown);
    });
  });

  it('migrates with only what the migrate command reads', () => {
    const migrate = compose.services.migrate;
    expect(checkEnvironment(envSpecOf(MigrateEnv), environmentOf(migrate), [])).toEqual([]);
    for (const { service } of services) {
      expect(String(migrate.command)).toContain(service);
    }
  });

  it('runs Kafka in KRaft mode without topic auto-creation', () => {
    const kafka = environmentOf(compose.services.kafka);
    expect(kafka.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.services.kafka.healthcheck?.test).toBeDefined();
    expect(compose.services.postgres.healthcheck?.test).toBeDefined();
  });
});

describe('validateComposeSchema', () => {
  it('Given a misspelled service key, When validated, Then the schema rejects it', () => {
    const doc = parseCompose('services:\n  a:\n    image: x\n    helthcheck: {}\n');
    expect(validateComposeSchema(doc)).toEqual(
      expect.arrayContaining([expect.stringContaining('helthcheck')]),
    );
  });

  it('Given a depends_on condition that does not exist, When validated, Then it is rejected', () => {
    const doc = parseCompose(
      'services:\n  a:\n    image: x\n    depends_on:\n      b: { condition: service_ready }\n  b:\n    image: y\n',
    );
    expect(validateComposeSchema(doc).length).toBeGreaterThan(0);
  });
});

describe('checkEnvironment', () => {
  const spec = services.find((s) => s.service === 'ocpi-cpo');
  const valid = {
    KAFKA_BROKERS: 'kafka:9092',
    DATABASE_URL: 'postgres://u:p@db:5432/v',
    ADMIN_API_KEY: 'a'.repeat(32),
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    OCPI_PUBLIC_URL: 'https://cpo.example.com',
  };

  it('Given every required variable, When checked, Then nothing is reported', () => {
    expect(checkEnvironment(spec!, valid)).toEqual([]);
  });

  it('Given a missing required variable, When checked, Then it is named', () => {
    const { ADMIN_API_KEY: _omitted, ...rest } = valid;
    expect(checkEnvironment(spec!, rest)).toEqual(['required variable ADMIN_API_KEY is missing']);
  });

  it('Given a variable the env class does not know, When checked, Then it is named', () => {
    expect(checkEnvironment(spec!, { ...valid, KAFKA_BROKER: 'x:1' })).toEqual([
      'unknown variable KAFKA_BROKER',
    ]);
  });

  it('Given a value the service would reject, When checked, Then the start-up validation message is reported', () => {
    const problems = checkEnvironment(spec!, { ...valid, OCPI_COUNTRY_CODE: 'nl' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^OCPI_COUNTRY_CODE: /);
  });

  it('Given a secret that comes from a Secret at run time, When checked, Then only its presence counts', () => {
    expect(checkEnvironment(spec!, { ...valid, ADMIN_API_KEY: undefined })).toEqual([]);
  });
});

describe('interpolate', () => {
  it.each([
    ['${A:-x}', {}, 'x'],
    ['${A:-x}', { A: '' }, 'x'],
    ['${A-x}', { A: '' }, ''],
    ['${A}', { A: 'v' }, 'v'],
    ['a$$b', {}, 'a$b'],
    ['p://u:${P:-pw}@h', { P: 's' }, 'p://u:s@h'],
  ])('Given %s with %j, When interpolated, Then it is %s', (value, vars, expected) => {
    expect(interpolate(value, vars)).toBe(expected);
  });
});
