import type { TariffDto } from '@voltlane/protocols-ocpi';
import {
  compareWithExpected,
  loadTariffExamples,
  type TariffExampleCase,
} from '../../../test/tariff-examples';
import { compileTariff } from './compiled-tariff';
import { localMoment } from './local-clock';
import { type RatingResult, rateSession } from './tariff-pricing';

/** The domain result flattened to the examples' keys, plus the billed quantities. */
function flatten(result: RatingResult): Record<string, string> {
  const flat: Record<string, string> = {
    total_energy: result.totalEnergy.toString(),
    total_time: result.totalTime.toString(),
    total_parking_time: result.totalParkingTime.toString(),
    billed_energy: result.billed.energy.toString(),
    billed_time_minutes: result.billed.time.times(60).toString(),
    billed_parking_minutes: result.billed.parkingTime.times(60).toString(),
  };
  const money = {
    total_cost: result.totalCost,
    total_fixed_cost: result.totalFixedCost,
    total_energy_cost: result.totalEnergyCost,
    total_time_cost: result.totalTimeCost,
    total_parking_cost: result.totalParkingCost,
    total_reservation_cost: result.totalReservationCost,
  };
  for (const [key, value] of Object.entries(money)) {
    flat[`${key}_excl_vat`] = value.exclVat.toString();
    flat[`${key}_incl_vat`] = value.inclVat.toString();
  }
  return flat;
}

function rate(c: TariffExampleCase): RatingResult {
  return rateSession(compileTariff(c.tariff as unknown as TariffDto), c.input);
}

describe('pricing engine: the 32 OCPI 2.2.1 worked examples', () => {
  const cases = loadTariffExamples();

  it('has all 32 cases', () => {
    expect(cases).toHaveLength(32);
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    'Given %s, When priced, Then the totals match the spec',
    (_id, c) => {
      const result = rate(c);
      const mismatches = compareWithExpected(
        c.expected,
        flatten(result),
        c.expected_tolerance,
        (k) => k === 'billed_time_after_17_minutes',
      );
      expect(mismatches).toEqual([]);
    },
  );

  it.each(cases.filter((c) => c.derived_not_in_spec).map((c) => [c.id, c] as const))(
    'Given %s, When priced, Then the derived (not in spec) totals match too',
    (_id, c) => {
      const derived = Object.fromEntries(
        Object.entries(c.derived_not_in_spec ?? {}).filter(([k]) => k.startsWith('total_')),
      );
      const mismatches = compareWithExpected(derived, flatten(rate(c)), c.expected_tolerance);
      expect(mismatches).toEqual([]);
    },
  );

  it('Given the 28-minute step_size example, Then 24 minutes after 17:00 are billed', () => {
    const c = cases.find((x) => x.id === 'spec221/cdrs_step_size_time_28min');
    const result = rate(c as TariffExampleCase);
    const after17 = result.lines
      .filter((l) => l.dimension === 'TIME')
      .filter(
        (l) => localMoment(c?.input.time_zone ?? 'UTC', l.segment.start).msOfDay >= 17 * 3_600_000,
      )
      .reduce((acc, l) => acc + l.billedUnits / 60_000, 0);
    expect(after17).toBeCloseTo(Number(c?.expected.billed_time_after_17_minutes), 1);
  });
});
