// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';
import {
  type CdrTotals,
  compareWithExpected,
  flattenTotals,
  loadTariffExamples,
} from './tariff-examples';

/**
 * tariff-rating as a real process on the run's Kafka and PostgreSQL: every one of the 32 public
 * OCPI 2.2.1 tariff examples goes through `POST /v1/rating/calculate` and its totals are compared
 * with the spec; bad input gets 400 problem+json naming the field, a missing key 401.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON fixtures broken on purpose
type Json = Record<string, any>;

const ADMIN_API_KEY = 'tariff-rating-e2e-operator-key-0123456789';

describe('tariff-rating: POST /v1/rating/calculate', () => {
  let port: number;
  let service: NodeProcess;

  const env = () => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_API_KEY,
    LOG_LEVEL: 'warn',
  });

  const post = async (body: unknown, key: string | null = ADMIN_API_KEY) => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/rating/calculate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    [port] = await findFreePorts(1);
    const migrate = new NodeProcess(['apps', 'tariff-rating', 'src', 'migrate.js'], env()).start();
    const migrated = await migrate.exit;
    if (migrated?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    service = NodeProcess.service('tariff-rating', env()).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (status) => status === 200,
      { timeoutMs: 60_000, what: `tariff-rating ready on ${port}` },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${service.tail()}`);
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  const cases = loadTariffExamples();

  it('covers all 32 public examples', () => {
    expect(cases).toHaveLength(32);
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    'Given example %s, When POSTed, Then the CDR totals match the spec',
    async (_id, c) => {
      const res = await post({ tariff: c.tariff, session: c.input });
      expect(res.status).toBe(200);
      const mismatches = compareWithExpected(
        c.expected,
        flattenTotals(res.body as unknown as CdrTotals),
        c.expected_tolerance,
        (key) => key.startsWith('billed_'), // quantities after step_size are not CDR fields
      );
      expect(mismatches).toEqual([]);
    },
  );

  it('Given the complex Monday example, Then the answer has every CDR total as Price objects and numbers', async () => {
    const c = cases.find((x) => x.id === 'spec221/complex_monday_16A_165min_42min_parking');
    const res = await post({ tariff: c?.tariff, session: c?.input });
    expect(res.body).toEqual({
      tariff_id: '14',
      currency: 'EUR',
      total_cost: { excl_vat: 9, incl_vat: 10.3 },
      total_fixed_cost: { excl_vat: 2.5, incl_vat: 2.875 },
      total_energy: 0,
      total_energy_cost: { excl_vat: 0, incl_vat: 0 },
      total_time: 3.45,
      total_time_cost: { excl_vat: 2.75, incl_vat: 3.3 },
      total_parking_time: 0.7,
      total_parking_cost: { excl_vat: 3.75, incl_vat: 4.125 },
      total_reservation_cost: { excl_vat: 0, incl_vat: 0 },
    });
  });

  it('Given a tariff with a negative step_size, Then 400 problem+json names tariff.elements[0].price_components[0].step_size', async () => {
    const c = cases[0];
    const tariff = structuredClone(c.tariff) as {
      elements: { price_components: { step_size: number }[] }[];
    };
    tariff.elements[0].price_components[0].step_size = -5;
    const res = await post({ tariff, session: c.input });
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.code).toBe('PLATFORM.VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      'tariff.elements[0].price_components[0].step_size: must not be less than 0',
    ]);
  });

  it('Given a session with an unknown dimension and no time zone, Then 400 names both fields', async () => {
    const c = cases[0];
    const session = structuredClone(c.input) as Json;
    delete session.time_zone;
    session.charging_periods[0].dimensions[0].type = 'KWH';
    const res = await post({ tariff: c.tariff, session });
    expect(res.status).toBe(400);
    const errors = res.body.errors as string[];
    expect(errors.some((e) => e.startsWith('session.time_zone: '))).toBe(true);
    expect(
      errors.some((e) => e.startsWith('session.charging_periods[0].dimensions[0].type: ')),
    ).toBe(true);
  });

  it('Given an unknown IANA time zone, Then 400 RATING.INVALID_INPUT names session.time_zone', async () => {
    const c = cases[0];
    const res = await post({
      tariff: c.tariff,
      session: { ...c.input, time_zone: 'Europe/Atlantis' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('RATING.INVALID_INPUT');
    expect(res.body.errors).toEqual([
      'session.time_zone: unknown IANA time zone "Europe/Atlantis"',
    ]);
  });

  it('Given a session after the tariff end_date_time, Then 400 RATING.TARIFF_NOT_ACTIVE', async () => {
    const c = cases.find((x) => x.id === 'spec221/025kwh_start_max_price_50kwh');
    const input = structuredClone(c?.input) as Json;
    input.start_date_time = '2019-07-01T10:00:00Z';
    input.end_date_time = '2019-07-01T12:00:00Z';
    input.charging_periods[0].start_date_time = '2019-07-01T10:00:00Z';
    const res = await post({ tariff: c?.tariff, session: input });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('RATING.TARIFF_NOT_ACTIVE');
  });

  it('Given a body that is not an object, Then 400', async () => {
    const res = await post([1, 2, 3]);
    expect(res.status).toBe(400);
  });

  it('Given no operator key, Then 401 problem+json', async () => {
    const c = cases[0];
    const res = await post({ tariff: c.tariff, session: c.input }, null);
    expect(res.status).toBe(401);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.code).toBe('PLATFORM.UNAUTHORIZED');
  });

  it('Given a wrong operator key, Then 401', async () => {
    const c = cases[0];
    const res = await post(
      { tariff: c.tariff, session: c.input },
      'not-the-operator-key-0000000000',
    );
    expect(res.status).toBe(401);
  });
});
