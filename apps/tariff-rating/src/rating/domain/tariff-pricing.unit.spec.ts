import type { TariffDto } from '@voltlane/protocols-ocpi';
import { compileTariff } from './compiled-tariff';
import type { ChargingPeriodInput, RatingSessionInput } from './rating-session';
import { InvalidRatingInputError, TariffNotActiveError } from './rating.errors';
import { type RatingResult, rateSession } from './tariff-pricing';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

type Component = { type: string; price: number; vat?: number; step_size?: number };
type Element = { price_components: Component[]; restrictions?: Record<string, unknown> };

function aTariff(elements: Element[], extra: Record<string, unknown> = {}): TariffDto {
  return {
    country_code: 'NL',
    party_id: 'VLT',
    id: 'T1',
    currency: 'EUR',
    last_updated: '2024-01-01T00:00:00Z',
    elements: elements.map((e) => ({
      ...e,
      price_components: e.price_components.map((c) => ({ step_size: 1, ...c })),
    })),
    ...extra,
  } as unknown as TariffDto;
}

const el = (price_components: Component[], restrictions?: Record<string, unknown>): Element => ({
  price_components,
  restrictions,
});

function period(start: string, dims: Record<string, number>): ChargingPeriodInput {
  return {
    start_date_time: start,
    dimensions: Object.entries(dims).map(([type, volume]) => ({ type, volume })),
  };
}

function aSession(
  start: string,
  end: string,
  periods: ChargingPeriodInput[],
  extra: Partial<RatingSessionInput> = {},
): RatingSessionInput {
  return {
    start_date_time: start,
    end_date_time: end,
    time_zone: 'UTC',
    charging_periods: periods,
    ...extra,
  };
}

function price(tariff: TariffDto, session: RatingSessionInput): RatingResult {
  return rateSession(compileTariff(tariff), session);
}

const excl = (r: RatingResult) => r.totalCost.exclVat.toString();
const incl = (r: RatingResult) => r.totalCost.inclVat.toString();

/** One period of `hours` charging `kwh`, starting at 10:00Z on Monday 2024-01-15. */
function simpleSession(kwh: number, hours: number): RatingSessionInput {
  const end = new Date(Date.parse('2024-01-15T10:00:00Z') + hours * 3_600_000).toISOString();
  return aSession('2024-01-15T10:00:00Z', end, [
    period('2024-01-15T10:00:00Z', { ENERGY: kwh, TIME: hours }),
  ]);
}

// ---------------------------------------------------------------------------------------------

describe('pricing engine: price components', () => {
  it('Given ENERGY 0.30/kWh, When 12.5 kWh are charged, Then the energy costs 3.75', () => {
    const r = price(aTariff([el([{ type: 'ENERGY', price: 0.3 }])]), simpleSession(12.5, 1));
    expect(excl(r)).toBe('3.75');
    expect(r.totalEnergyCost.exclVat.toString()).toBe('3.75');
    expect(r.totalEnergy.toString()).toBe('12.5');
  });

  it('Given TIME 1.80/h, When charging 1.5 h, Then the time costs 2.70 and there is no binary float error', () => {
    const r = price(aTariff([el([{ type: 'TIME', price: 1.8 }])]), simpleSession(10, 1.5));
    expect(r.totalTimeCost.exclVat.toString()).toBe('2.7');
    expect(r.totalTime.toString()).toBe('1.5');
  });

  it('Given 0.1 and 0.2 kWh at 0.1/kWh, When summed, Then the cost is exactly 0.03', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 0.1 }])]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T10:20:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 0.1 }),
        period('2024-01-15T10:10:00Z', { ENERGY: 0.2 }),
      ]),
    );
    expect(excl(r)).toBe('0.03');
  });

  it('Given PARKING_TIME 2.00/h, When parked 30 min after charging, Then only parking costs', () => {
    const r = price(
      aTariff([el([{ type: 'PARKING_TIME', price: 2 }])]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T11:30:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 10, TIME: 1 }),
        period('2024-01-15T11:00:00Z', { PARKING_TIME: 0.5 }),
      ]),
    );
    expect(r.totalParkingCost.exclVat.toString()).toBe('1');
    expect(r.totalTimeCost.exclVat.toString()).toBe('0');
    expect(r.totalParkingTime.toString()).toBe('0.5');
    expect(r.totalTime.toString()).toBe('1.5');
  });

  it('Given a FLAT fee in an element, When the session has many periods, Then it is billed once', () => {
    const r = price(
      aTariff([
        el([
          { type: 'FLAT', price: 1.5 },
          { type: 'ENERGY', price: 0.2 },
        ]),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T13:00:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 1, TIME: 1 }),
        period('2024-01-15T11:00:00Z', { ENERGY: 1, TIME: 1 }),
        period('2024-01-15T12:00:00Z', { ENERGY: 1, TIME: 1 }),
      ]),
    );
    expect(r.totalFixedCost.exclVat.toString()).toBe('1.5');
    expect(excl(r)).toBe('2.1');
  });

  it('Given a FLAT component with step_size 0, When priced, Then nothing divides by zero', () => {
    const r = price(aTariff([el([{ type: 'FLAT', price: 0, step_size: 0 }])]), simpleSession(5, 1));
    expect(excl(r)).toBe('0');
  });

  it('Given no element prices TIME, When charging 3 h, Then time is free', () => {
    const r = price(aTariff([el([{ type: 'ENERGY', price: 0.25 }])]), simpleSession(20, 3));
    expect(r.totalTimeCost.exclVat.toString()).toBe('0');
    expect(excl(r)).toBe('5');
  });
});

describe('pricing engine: VAT per component', () => {
  it('Given ENERGY at 10% and FLAT at 20% VAT, When priced, Then each component carries its own VAT', () => {
    const r = price(
      aTariff([
        el([
          { type: 'FLAT', price: 0.5, vat: 20 },
          { type: 'ENERGY', price: 0.25, vat: 10 },
        ]),
      ]),
      simpleSession(20, 1),
    );
    expect(excl(r)).toBe('5.5');
    expect(incl(r)).toBe('6.1');
  });

  it('Given no vat field, When priced, Then incl. VAT equals excl. VAT', () => {
    const r = price(aTariff([el([{ type: 'ENERGY', price: 0.25 }])]), simpleSession(20, 1));
    expect(incl(r)).toBe('5');
  });

  it('Given vat 0.0, When priced, Then incl. VAT equals excl. VAT', () => {
    const r = price(aTariff([el([{ type: 'ENERGY', price: 0.25, vat: 0 }])]), simpleSession(20, 1));
    expect(incl(r)).toBe('5');
  });
});

describe('pricing engine: first matching element per dimension', () => {
  it('Given two ENERGY elements without restrictions, When priced, Then the first one wins', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 0.3 }]), el([{ type: 'ENERGY', price: 0.5 }])]),
      simpleSession(10, 1),
    );
    expect(excl(r)).toBe('3');
  });

  it('Given TIME in a restricted element and ENERGY in a later one, When the restriction fails, Then ENERGY is still found', () => {
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 5 }], { min_kwh: 100 }),
        el([
          { type: 'ENERGY', price: 0.2 },
          { type: 'TIME', price: 1 },
        ]),
      ]),
      simpleSession(10, 2),
    );
    expect(r.totalEnergyCost.exclVat.toString()).toBe('2');
    expect(r.totalTimeCost.exclVat.toString()).toBe('2');
  });
});

describe('pricing engine: time of day restrictions in the location time zone', () => {
  const dayNight = aTariff([
    el([{ type: 'ENERGY', price: 0.2 }], { start_time: '22:00', end_time: '06:00' }),
    el([{ type: 'ENERGY', price: 0.4 }]),
  ]);

  it('Given a night rate 22:00-06:00, When one period runs 21:00-23:00 local, Then it is split at 22:00', () => {
    // Europe/Amsterdam in January is UTC+1: 21:00 local = 20:00Z.
    const r = price(
      dayNight,
      aSession(
        '2024-01-15T20:00:00Z',
        '2024-01-15T22:00:00Z',
        [period('2024-01-15T20:00:00Z', { ENERGY: 10, TIME: 2 })],
        {
          time_zone: 'Europe/Amsterdam',
        },
      ),
    );
    expect(excl(r)).toBe('3'); // 5 kWh at 0.40 + 5 kWh at 0.20
  });

  it('Given a night rate across midnight, When charging 05:00-07:00 local, Then only 05:00-06:00 is night', () => {
    const r = price(
      dayNight,
      aSession(
        '2024-01-16T04:00:00Z',
        '2024-01-16T06:00:00Z',
        [period('2024-01-16T04:00:00Z', { ENERGY: 10, TIME: 2 })],
        {
          time_zone: 'Europe/Amsterdam',
        },
      ),
    );
    expect(excl(r)).toBe('3');
  });

  it('Given the same instants evaluated in UTC, Then the result differs (the zone matters)', () => {
    const r = price(
      dayNight,
      aSession('2024-01-15T20:00:00Z', '2024-01-15T22:00:00Z', [
        period('2024-01-15T20:00:00Z', { ENERGY: 10, TIME: 2 }),
      ]),
    );
    expect(excl(r)).toBe('4'); // 20:00-22:00 in UTC is all day rate
  });

  it('Given end_time 00:00, When charging 23:00-01:00 local, Then the element stops at midnight', () => {
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 6 }], { start_time: '20:00', end_time: '00:00' }),
        el([{ type: 'TIME', price: 2 }]),
      ]),
      aSession('2024-01-15T23:00:00Z', '2024-01-16T01:00:00Z', [
        period('2024-01-15T23:00:00Z', { TIME: 2 }),
      ]),
    );
    expect(excl(r)).toBe('8');
  });

  it('Given a 02:00 switch on the day clocks go forward, When charging 00:00-04:00 local, Then the split follows the wall clock', () => {
    // 2024-03-31 Europe/Berlin: 02:00 CET jumps to 03:00 CEST. 00:00 local = 23:00Z (Mar 30), 04:00 local = 02:00Z.
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 1 }], { start_time: '00:00', end_time: '01:00' }),
        el([{ type: 'TIME', price: 10 }]),
      ]),
      aSession(
        '2024-03-30T23:00:00Z',
        '2024-03-31T02:00:00Z',
        [period('2024-03-30T23:00:00Z', { TIME: 3 })],
        {
          time_zone: 'Europe/Berlin',
        },
      ),
    );
    expect(excl(r)).toBe('21'); // 1 h at 1 + 2 h at 10 (01:00-02:00 CET and 03:00-04:00 CEST)
  });
});

describe('pricing engine: date and weekday restrictions', () => {
  it('Given start_date/end_date (end exclusive), When charging across local midnight into end_date, Then the element stops at midnight', () => {
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 1 }], { start_date: '2024-12-24', end_date: '2024-12-25' }),
        el([{ type: 'TIME', price: 3 }]),
      ]),
      aSession(
        '2024-12-24T22:00:00Z',
        '2024-12-25T00:00:00Z',
        [period('2024-12-24T22:00:00Z', { TIME: 2 })],
        {
          time_zone: 'Europe/Berlin',
        },
      ),
    );
    // 23:00-00:00 local on the 24th at 1, 00:00-01:00 local on the 25th at 3
    expect(excl(r)).toBe('4');
  });

  it('Given a weekend element, When Sunday 23:30Z is already Monday in Berlin, Then the weekday element applies', () => {
    const tariff = aTariff([
      el([{ type: 'TIME', price: 1 }], { day_of_week: ['SATURDAY', 'SUNDAY'] }),
      el([{ type: 'TIME', price: 2 }]),
    ]);
    const session = (zone: string) =>
      aSession(
        '2024-01-21T23:30:00Z',
        '2024-01-22T00:00:00Z',
        [period('2024-01-21T23:30:00Z', { TIME: 0.5 })],
        {
          time_zone: zone,
        },
      );
    expect(excl(price(tariff, session('Europe/Berlin')))).toBe('1');
    expect(excl(price(tariff, session('UTC')))).toBe('0.5');
  });
});

describe('pricing engine: energy, duration, current and power restrictions', () => {
  it('Given 0.20/kWh up to 10 kWh then 0.40, When one period charges 15 kWh, Then it is split at 10 kWh exactly', () => {
    const r = price(
      aTariff([
        el([{ type: 'ENERGY', price: 0.2 }], { max_kwh: 10 }),
        el([{ type: 'ENERGY', price: 0.4 }]),
      ]),
      simpleSession(15, 1.5),
    );
    expect(excl(r)).toBe('4');
  });

  it('Given an element from min_kwh 10, When the session reaches 10 kWh in its second period, Then the rate applies from there', () => {
    const r = price(
      aTariff([
        el([{ type: 'ENERGY', price: 1 }], { min_kwh: 10 }),
        el([{ type: 'ENERGY', price: 0 }]),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T12:00:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 6, TIME: 1 }),
        period('2024-01-15T11:00:00Z', { ENERGY: 8, TIME: 1 }),
      ]),
    );
    expect(excl(r)).toBe('4');
  });

  it('Given TIME free for the first 30 min (max_duration 1800), When one period lasts 1 h, Then 30 min are billed', () => {
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 0 }], { max_duration: 1800 }),
        el([{ type: 'TIME', price: 4 }]),
      ]),
      simpleSession(10, 1),
    );
    expect(excl(r)).toBe('2');
  });

  it('Given PARKING_TIME from 2 h (min_duration 7200), When parked 1-3 h into the session, Then only the last hour is billed', () => {
    const r = price(
      aTariff([el([{ type: 'PARKING_TIME', price: 3 }], { min_duration: 7200 })]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T13:00:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 10, TIME: 1 }),
        period('2024-01-15T11:00:00Z', { PARKING_TIME: 2 }),
      ]),
    );
    expect(excl(r)).toBe('3');
  });

  it('Given min_current 32 / max_current 32 elements, When periods run at 16 A and 40 A, Then each gets its rate', () => {
    const r = price(
      aTariff([
        el([{ type: 'TIME', price: 1 }], { max_current: 32 }),
        el([{ type: 'TIME', price: 3 }], { min_current: 32 }),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T12:00:00Z', [
        period('2024-01-15T10:00:00Z', { TIME: 1, MIN_CURRENT: 16, MAX_CURRENT: 16 }),
        period('2024-01-15T11:00:00Z', { TIME: 1, MIN_CURRENT: 40, MAX_CURRENT: 40 }),
      ]),
    );
    expect(excl(r)).toBe('4');
  });

  it('Given min_power 50 kW, When power is only known as energy / time, Then the average power decides', () => {
    const r = price(
      aTariff([
        el([{ type: 'ENERGY', price: 0.6 }], { min_power: 50 }),
        el([{ type: 'ENERGY', price: 0.3 }]),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T11:00:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 30, TIME: 0.5 }), // 60 kW
        period('2024-01-15T10:30:00Z', { ENERGY: 10, TIME: 0.5 }), // 20 kW
      ]),
    );
    expect(excl(r)).toBe('21');
  });

  it('Given a max_power element, When a period reports no power and no time, Then the element does not match', () => {
    const r = price(
      aTariff([
        el([{ type: 'ENERGY', price: 0.1 }], { max_power: 11 }),
        el([{ type: 'ENERGY', price: 0.5 }]),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T11:00:00Z', [
        period('2024-01-15T10:00:00Z', { ENERGY: 10 }),
      ]),
    );
    expect(excl(r)).toBe('5');
  });
});

describe('pricing engine: reservation', () => {
  const tariff = aTariff([
    el([{ type: 'FLAT', price: 3 }], { reservation: 'RESERVATION_EXPIRES' }),
    el([{ type: 'TIME', price: 4, step_size: 60 }], { reservation: 'RESERVATION' }),
    el([{ type: 'TIME', price: 1 }]),
  ]);
  const reserved = (expired: boolean) =>
    aSession(
      '2024-01-15T10:00:00Z',
      expired ? '2024-01-15T10:30:00Z' : '2024-01-15T11:30:00Z',
      [
        period('2024-01-15T10:00:00Z', { RESERVATION_TIME: 0.5 }),
        ...(expired ? [] : [period('2024-01-15T10:30:00Z', { ENERGY: 10, TIME: 1 })]),
      ],
      { reservation_expired: expired },
    );

  it('Given a reservation followed by charging, Then reservation time is priced only by the RESERVATION element and charging TIME only by the normal one', () => {
    const r = price(tariff, reserved(false));
    expect(r.totalReservationCost.exclVat.toString()).toBe('2');
    expect(r.totalTimeCost.exclVat.toString()).toBe('1');
    expect(excl(r)).toBe('3');
  });

  it('Given an expired reservation, Then the RESERVATION_EXPIRES fee applies as well', () => {
    const r = price(tariff, reserved(true));
    expect(r.totalReservationCost.exclVat.toString()).toBe('5');
    expect(r.totalFixedCost.exclVat.toString()).toBe('0');
    expect(r.totalTime.toString()).toBe('0');
  });
});

describe('pricing engine: step_size', () => {
  it('Given ENERGY step 500 Wh, When 5.4 kWh are charged, Then 5.5 kWh are billed', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 1, step_size: 500 }])]),
      simpleSession(5.4, 1),
    );
    expect(r.billed.energy.toString()).toBe('5.5');
    expect(r.totalEnergy.toString()).toBe('5.4');
  });

  it('Given ENERGY step_size 0, When 5.4321 kWh are charged, Then nothing is rounded', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 1, step_size: 0 }])]),
      simpleSession(5.4321, 1),
    );
    expect(excl(r)).toBe('5.4321');
  });

  it('Given TIME step 900 s, When charging 20 min, Then 15-min blocks make 30 min', () => {
    const r = price(
      aTariff([el([{ type: 'TIME', price: 6, step_size: 900 }])]),
      simpleSession(5, 1 / 3),
    );
    expect(r.billed.time.toString()).toBe('0.5');
    expect(excl(r)).toBe('3');
  });

  it('Given TIME and PARKING_TIME both with step 600, When charging 21 min then parking 16 min, Then only parking is rounded', () => {
    const r = price(
      aTariff([
        el([
          { type: 'TIME', price: 6, step_size: 600 },
          { type: 'PARKING_TIME', price: 6, step_size: 600 },
        ]),
      ]),
      aSession('2024-01-15T10:00:00Z', '2024-01-15T10:37:00Z', [
        period('2024-01-15T10:00:00Z', { TIME: 0.35 }),
        period('2024-01-15T10:21:00Z', { PARKING_TIME: 16 / 60 }),
      ]),
    );
    expect(r.billed.time.toString()).toBe('0.35');
    expect(r.billed.parkingTime.toDecimalPlaces(6).toString()).toBe('0.333333');
  });

  it('Given 40 min written as 0.6667 h and step 600, When rounded, Then no extra block is billed', () => {
    const r = price(
      aTariff([el([{ type: 'TIME', price: 3, step_size: 600 }])]),
      simpleSession(5, 0.6667),
    );
    expect(r.billed.time.toString()).toBe('0.6667');
  });
});

describe('pricing engine: min_price, max_price and validity', () => {
  it('Given min_price 1.00/1.10, When the session costs 0.30/0.33, Then excl. and incl. are raised separately', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 0.25, vat: 10 }])], {
        min_price: { excl_vat: 1, incl_vat: 1.1 },
      }),
      simpleSession(1.2, 1),
    );
    expect(excl(r)).toBe('1');
    expect(incl(r)).toBe('1.1');
    expect(r.totalEnergyCost.exclVat.toString()).toBe('0.3');
  });

  it('Given max_price with only excl_vat, When the session costs more, Then only excl. VAT is capped', () => {
    const r = price(
      aTariff([el([{ type: 'ENERGY', price: 0.5, vat: 20 }])], { max_price: { excl_vat: 10 } }),
      simpleSession(40, 1),
    );
    expect(excl(r)).toBe('10');
    expect(incl(r)).toBe('24');
  });

  it('Given a tariff that ended, When a later session is priced, Then it is rejected naming the field', () => {
    const tariff = aTariff([el([{ type: 'ENERGY', price: 0.5 }])], {
      end_date_time: '2023-12-31T23:59:59Z',
    });
    expect(() => price(tariff, simpleSession(1, 1))).toThrow(TariffNotActiveError);
    try {
      price(tariff, simpleSession(1, 1));
    } catch (err) {
      expect((err as TariffNotActiveError).violations[0]).toMatch(/^session\.start_date_time: /);
    }
  });

  it('Given a tariff that starts later, When an earlier session is priced, Then it is rejected', () => {
    const tariff = aTariff([el([{ type: 'ENERGY', price: 0.5 }])], {
      start_date_time: '2024-02-01T00:00:00Z',
    });
    expect(() => price(tariff, simpleSession(1, 1))).toThrow(TariffNotActiveError);
  });
});

describe('pricing engine: inconsistent sessions', () => {
  const tariff = aTariff([el([{ type: 'ENERGY', price: 0.5 }])]);

  it('Given an unknown time zone, Then session.time_zone is named', () => {
    expect(() => price(tariff, { ...simpleSession(1, 1), time_zone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({
        violations: ['session.time_zone: unknown IANA time zone "Mars/Olympus"'],
      }),
    );
  });

  it('Given periods out of order, Then the offending period is named', () => {
    const session = aSession('2024-01-15T10:00:00Z', '2024-01-15T12:00:00Z', [
      period('2024-01-15T11:00:00Z', { ENERGY: 1 }),
      period('2024-01-15T10:30:00Z', { ENERGY: 1 }),
    ]);
    expect(() => price(tariff, session)).toThrow(InvalidRatingInputError);
    expect(() => price(tariff, session)).toThrow(
      expect.objectContaining({
        violations: [
          "session.charging_periods[1].start_date_time: must not be before the previous period's start_date_time",
        ],
      }),
    );
  });

  it('Given an end before the start, Then session.end_date_time is named', () => {
    expect(() =>
      price(
        tariff,
        aSession('2024-01-15T10:00:00Z', '2024-01-15T09:00:00Z', [
          period('2024-01-15T10:00:00Z', { ENERGY: 1 }),
        ]),
      ),
    ).toThrow(
      expect.objectContaining({
        violations: expect.arrayContaining([expect.stringMatching(/^session\.end_date_time/)]),
      }),
    );
  });
});
