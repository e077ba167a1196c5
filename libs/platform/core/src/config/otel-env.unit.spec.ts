import { BaseServiceEnv } from './base-service.env';
import { type ConfigValidationError, validateEnv } from './env.validation';

class TracedEnv extends BaseServiceEnv {
  override PORT = 9999;
}

const required = {
  KAFKA_BROKERS: 'localhost:9092',
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    validateEnv(TracedEnv, { ...required, ...env });
    return [];
  } catch (err) {
    return (err as ConfigValidationError).issues.map((i) => i.variable);
  }
};

describe('OpenTelemetry variables of BaseServiceEnv', () => {
  it('Given no OTEL variable, When validated, Then tracing stays unconfigured', () => {
    const config = validateEnv(TracedEnv, required);
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(config.OTEL_TRACES_SAMPLER).toBeUndefined();
  });

  it('Given valid values, When validated, Then they are accepted', () => {
    const config = validateEnv(TracedEnv, {
      ...required,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      OTEL_SDK_DISABLED: 'false',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(config).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
  });

  it('Given bad values, When validated, Then every bad variable is named', () => {
    expect(
      problemsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318',
        OTEL_SDK_DISABLED: 'yes',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: '1.5',
      }).sort(),
    ).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_SDK_DISABLED',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
    ]);
  });
});
