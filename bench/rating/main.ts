import 'reflect-metadata';
import { cpus } from 'node:os';
// The API path validates the OCPI Tariff with the protocol library; the bench measures that too.
import { TariffDto, validateOcpi } from '@voltlane/protocols-ocpi';
// The engine is app code (apps/tariff-rating/src/rating/domain), pure TypeScript without I/O; the
// benchmark measures it directly, on one core (one thread, no workers).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { compileTariff } from '../../apps/tariff-rating/src/rating/domain/compiled-tariff';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { RatingSessionInput } from '../../apps/tariff-rating/src/rating/domain/rating-session';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { rateSession } from '../../apps/tariff-rating/src/rating/domain/tariff-pricing';

/**
 * Rating benchmark: prices a 24-period session (6 h, Europe/Berlin, across the 17:00 and 20:00
 * tariff switches) with a tariff using time-of-day, day-of-week, power, kWh and duration
 * restrictions, VAT, step_size, a FLAT fee and max_price. Prints one JSON document with the
 * throughput on one core and p50/p99 per calculation, for:
 *  - `rate`: compile the tariff + price the session (what the engine does per request);
 *  - `validate_and_rate`: additionally validate the OCPI Tariff with class-validator (the API path).
 * Options (env): BENCH_SECONDS (5 per measurement), BENCH_WARMUP (2000 calculations).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);

const tariff = {
  country_code: 'DE',
  party_id: 'VLT',
  id: 'BENCH-1',
  currency: 'EUR',
  type: 'REGULAR',
  max_price: { excl_vat: 150, incl_vat: 178.5 },
  elements: [
    { price_components: [{ type: 'FLAT', price: 0.5, vat: 19, step_size: 1 }] },
    {
      price_components: [{ type: 'ENERGY', price: 0.29, vat: 19, step_size: 100 }],
      restrictions: { start_time: '20:00', end_time: '07:00' },
    },
    {
      price_components: [{ type: 'ENERGY', price: 0.59, vat: 19, step_size: 100 }],
      restrictions: {
        min_power: 50,
        day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      },
    },
    {
      price_components: [{ type: 'ENERGY', price: 0.39, vat: 19, step_size: 100 }],
      restrictions: { max_kwh: 40 },
    },
    { price_components: [{ type: 'ENERGY', price: 0.45, vat: 19, step_size: 100 }] },
    {
      price_components: [{ type: 'TIME', price: 1.2, vat: 19, step_size: 60 }],
      restrictions: { min_duration: 7200, start_time: '07:00', end_time: '20:00' },
    },
    {
      price_components: [{ type: 'PARKING_TIME', price: 6, vat: 19, step_size: 300 }],
      restrictions: { start_time: '09:00', end_time: '21:00', max_current: 1 },
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};

/** 24 quarter-hour periods from 15:00 local (Mon 2025-03-10): 20 charging, 4 parking. */
function session(): RatingSessionInput {
  const start = Date.parse('2025-03-10T14:00:00Z');
  const q = 15 * 60_000;
  const charging_periods = Array.from({ length: 24 }, (_, i) => {
    const parking = i >= 20;
    const power = parking ? 0 : i < 8 ? 75 : i < 14 ? 42 : 11;
    return {
      start_date_time: new Date(start + i * q).toISOString(),
      dimensions: parking
        ? [
            { type: 'PARKING_TIME', volume: 0.25 },
            { type: 'MAX_CURRENT', volume: 0 },
          ]
        : [
            { type: 'ENERGY', volume: power / 4 },
            { type: 'TIME', volume: 0.25 },
            { type: 'MIN_POWER', volume: power },
            { type: 'MAX_POWER', volume: power },
            { type: 'MAX_CURRENT', volume: power * 4 },
          ],
    };
  });
  return {
    start_date_time: new Date(start).toISOString(),
    end_date_time: new Date(start + 24 * q).toISOString(),
    time_zone: 'Europe/Berlin',
    charging_periods,
  };
}

function measure(name: string, calc: () => unknown) {
  for (let i = 0; i < WARMUP; i++) calc();
  const samples: number[] = [];
  const deadline = process.hrtime.bigint() + BigInt(SECONDS * 1e9);
  const began = process.hrtime.bigint();
  let now = began;
  while (now < deadline) {
    const t0 = process.hrtime.bigint();
    calc();
    now = process.hrtime.bigint();
    samples.push(Number(now - t0) / 1e3);
  }
  const elapsedS = Number(now - began) / 1e9;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return {
    name,
    calculations: samples.length,
    seconds: Number(elapsedS.toFixed(2)),
    sessions_per_second: Math.round(samples.length / elapsedS),
    latency_us: {
      p50: Number(pct(0.5).toFixed(1)),
      p99: Number(pct(0.99).toFixed(1)),
      max: Number(samples[samples.length - 1].toFixed(1)),
    },
  };
}

function main(): void {
  const input = session();
  const first = rateSession(compileTariff(tariff as unknown as TariffDto), input);
  const rate = measure('rate', () =>
    rateSession(compileTariff(tariff as unknown as TariffDto), input),
  );
  const validateAndRate = measure('validate_and_rate', () => {
    const checked = validateOcpi(TariffDto, tariff);
    if (!checked.ok) throw new Error(checked.violations.join('; '));
    return rateSession(compileTariff(checked.value), input);
  });
  const result = {
    benchmark: 'rating',
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    threads: 1,
    session: {
      periods: input.charging_periods.length,
      time_zone: input.time_zone,
      priced_lines: first.lines.length,
    },
    tariff_elements: tariff.elements.length,
    sample_total_cost: {
      excl_vat: first.totalCost.exclVat.toDecimalPlaces(4).toNumber(),
      incl_vat: first.totalCost.inclVat.toDecimalPlaces(4).toNumber(),
    },
    target_sessions_per_second: 20_000,
    results: [rate, validateAndRate],
    meets_target: rate.sessions_per_second >= 20_000,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main();
