import { ValidationFailedError } from '@voltlane/platform-core';
import { CalculateRatingCommand } from './calculate-rating.command';
import { CalculateRatingUseCase } from './calculate-rating.use-case';

const tariff = {
  country_code: 'DE',
  party_id: 'ALL',
  id: '25',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10, step_size: 25 }] }],
  last_updated: '2024-01-01T00:00:00Z',
};
const session = {
  start_date_time: '2024-01-15T10:00:00Z',
  end_date_time: '2024-01-15T10:05:00Z',
  time_zone: 'UTC',
  charging_periods: [
    { start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 0.1152 }] },
  ],
};

function violationsOf(body: unknown): readonly string[] {
  try {
    CalculateRatingCommand.from(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return (err as ValidationFailedError).violations;
  }
  throw new Error('expected a validation failure');
}

describe('CalculateRatingUseCase', () => {
  const useCase = new CalculateRatingUseCase();

  it('Given 115.2 Wh at 0.25/kWh with step 25 Wh, When calculated, Then money keeps 6 decimals (0.03125)', () => {
    const totals = useCase.execute(CalculateRatingCommand.from({ tariff, session }));
    expect(totals.total_cost).toEqual({ excl_vat: 0.03125, incl_vat: 0.034375 });
    expect(totals.total_energy).toBe(0.1152);
    expect(totals.total_energy_cost).toEqual({ excl_vat: 0.03125, incl_vat: 0.034375 });
    expect(totals.total_fixed_cost).toEqual({ excl_vat: 0, incl_vat: 0 });
    expect(totals.currency).toBe('EUR');
    expect(totals.tariff_id).toBe('25');
  });

  it('Given a body without session, Then the violation names session', () => {
    expect(violationsOf({ tariff })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^session: /)]),
    );
  });

  it('Given a broken step_size, Then the violation carries the full path', () => {
    const broken = structuredClone(tariff);
    (broken.elements[0].price_components[0] as { step_size: unknown }).step_size = 'big';
    const violations = violationsOf({ tariff: broken, session });
    expect(violations).toContain(
      'tariff.elements[0].price_components[0].step_size: must be an integer number',
    );
    expect(
      violations.every((v) => v.startsWith('tariff.elements[0].price_components[0].step_size: ')),
    ).toBe(true);
  });

  it('Given a volume given as text or no charging periods, Then the field is named', () => {
    const bad = {
      ...session,
      charging_periods: [
        { start_date_time: '2024-01-15T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: '1' }] },
      ],
    };
    expect(violationsOf({ tariff, session: bad })).toEqual([
      expect.stringMatching(/^session\.charging_periods\[0\]\.dimensions\[0\]\.volume: /),
    ]);
    expect(violationsOf({ tariff, session: { ...session, charging_periods: [] } })).toEqual([
      expect.stringMatching(/^session\.charging_periods: /),
    ]);
  });
});
