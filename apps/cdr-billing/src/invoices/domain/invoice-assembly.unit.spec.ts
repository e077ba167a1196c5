import {
  assembleInvoice,
  formatInvoiceNumber,
  minorUnits,
  type ReceivedCdr,
  roundMoney,
} from './invoice-assembly';
import { InvoiceInputError } from './invoice.errors';

const cdr = (overrides: Partial<ReceivedCdr> = {}): ReceivedCdr => ({
  id: 'CDR-1',
  country_code: 'de',
  party_id: 'abc',
  start_date_time: '2026-11-20T09:00:00Z',
  end_date_time: '2026-11-20T10:30:00Z',
  currency: 'EUR',
  cdr_token: { uid: 'TOK-1', contract_id: 'NL-VLT-C1', country_code: 'NL', party_id: 'VLT' },
  total_cost: { excl_vat: 10.5, incl_vat: 12.705 },
  total_fixed_cost: { excl_vat: 0.5, incl_vat: 0.605 },
  total_energy: 20,
  total_energy_cost: { excl_vat: 8, incl_vat: 9.68 },
  total_time: 1.5,
  total_time_cost: { excl_vat: 2, incl_vat: 2.42 },
  ...overrides,
});

describe('invoice assembly', () => {
  it('Given a CDR priced per dimension, When assembled, Then one line per dimension as the CDR states it and VAT = incl − excl', () => {
    // Given / When
    const invoice = assembleInvoice({ cdr: cdr(), driverId: 'DRV-1' });
    // Then
    expect(invoice).toMatchObject({
      kind: 'INVOICE',
      emspCountryCode: 'NL',
      emspPartyId: 'VLT',
      cpoCountryCode: 'DE',
      cpoPartyId: 'ABC',
      cdrId: 'CDR-1',
      creditedCdrId: null,
      driverId: 'DRV-1',
      tokenUid: 'TOK-1',
      contractId: 'NL-VLT-C1',
      currency: 'EUR',
      totalExclVat: 10.5,
      totalInclVat: 12.71,
      totalVat: 2.21,
    });
    expect(invoice.lines).toEqual([
      {
        dimension: 'FLAT',
        description: 'Session fee',
        quantity: 1,
        unit: 'pcs',
        amountExclVat: 0.5,
        amountVat: 0.11,
        amountInclVat: 0.61,
        // the CDR's rate (0.605 / 0.5), not the rounded amounts' (0.61 / 0.5 = 22 %)
        vatRatePercent: 21,
      },
      {
        dimension: 'ENERGY',
        description: 'Energy 20 kWh',
        quantity: 20,
        unit: 'kWh',
        amountExclVat: 8,
        amountVat: 1.68,
        amountInclVat: 9.68,
        vatRatePercent: 21,
      },
      {
        dimension: 'TIME',
        description: 'Charging time 1.5 h',
        quantity: 1.5,
        unit: 'h',
        amountExclVat: 2,
        amountVat: 0.42,
        amountInclVat: 2.42,
        vatRatePercent: 21,
      },
      // 0.605 and 12.705 round up, 9.68 + 2.42 + 0.61 = 12.71: nothing left over
    ]);
  });

  it('Given dimension costs that do not add up to total_cost, When assembled, Then an OTHER line takes the difference so the lines sum to the totals', () => {
    // Given: parking and reservation priced, 1.00 excl. of the total not itemised
    const source = cdr({
      total_cost: { excl_vat: 14, incl_vat: 16.94 },
      total_parking_time: 0.25,
      total_parking_cost: { excl_vat: 1.5, incl_vat: 1.815 },
      total_reservation_cost: { excl_vat: 1 },
    });
    // When
    const invoice = assembleInvoice({ cdr: source });
    // Then
    expect(invoice.lines.map((l) => [l.dimension, l.amountExclVat, l.amountInclVat])).toEqual([
      ['FLAT', 0.5, 0.61],
      ['ENERGY', 8, 9.68],
      ['TIME', 2, 2.42],
      ['PARKING_TIME', 1.5, 1.82],
      ['RESERVATION', 1, 1.21], // no incl_vat: the CDR's overall ratio (16.94 / 14 = 1.21)
      ['OTHER', 1, 1.2],
    ]);
    const sum = (k: 'amountExclVat' | 'amountInclVat') =>
      Math.round(invoice.lines.reduce((a, l) => a + l[k], 0) * 100) / 100;
    expect(sum('amountExclVat')).toBe(invoice.totalExclVat);
    expect(sum('amountInclVat')).toBe(invoice.totalInclVat);
    expect(invoice.driverId).toBeNull();
  });

  it('Given a CDR without any dimension cost, When assembled, Then a single line for the whole session', () => {
    const source = cdr({
      total_fixed_cost: undefined,
      total_energy_cost: undefined,
      total_time_cost: undefined,
      total_cost: { excl_vat: 7.3333, incl_vat: 8.8733 },
      total_energy: 12.34567,
    });
    const invoice = assembleInvoice({ cdr: source });
    expect(invoice.lines).toEqual([
      {
        dimension: 'OTHER',
        description: 'Charging session 2026-11-20, 12.3457 kWh',
        quantity: 1,
        unit: 'pcs',
        amountExclVat: 7.33,
        amountVat: 1.54,
        amountInclVat: 8.87,
        vatRatePercent: 21.01,
      },
    ]);
    expect([invoice.totalExclVat, invoice.totalVat, invoice.totalInclVat]).toEqual([
      7.33, 1.54, 8.87,
    ]);
  });

  it('Given a total_cost without incl_vat, When assembled, Then no VAT is invoiced', () => {
    const invoice = assembleInvoice({
      cdr: cdr({
        total_cost: { excl_vat: 10.5 },
        total_fixed_cost: { excl_vat: 0.5 },
        total_energy_cost: { excl_vat: 8 },
        total_time_cost: { excl_vat: 2 },
      }),
    });
    expect([invoice.totalExclVat, invoice.totalVat, invoice.totalInclVat]).toEqual([10.5, 0, 10.5]);
    expect(invoice.lines.every((l) => l.vatRatePercent === 0 && l.amountVat === 0)).toBe(true);
  });

  it('Given a credit CDR (only total_cost negative, as OCPI says), When assembled, Then a credit note for the credited CDR with every amount negative', () => {
    // Given
    const credit = cdr({
      id: 'CDR-1-CREDIT',
      credit: true,
      credit_reference_id: 'CDR-1',
      total_cost: { excl_vat: -10.5, incl_vat: -12.705 },
    });
    // When
    const note = assembleInvoice({ cdr: credit });
    const invoice = assembleInvoice({ cdr: cdr() });
    // Then: the exact mirror of the original CDR's invoice
    expect(note.kind).toBe('CREDIT_NOTE');
    expect(note.creditedCdrId).toBe('CDR-1');
    expect([note.totalExclVat, note.totalVat, note.totalInclVat]).toEqual([-10.5, -2.21, -12.71]);
    expect(
      note.lines.map((l) => [l.dimension, l.amountExclVat, l.amountVat, l.amountInclVat]),
    ).toEqual(
      invoice.lines.map((l) => [l.dimension, -l.amountExclVat, -l.amountVat, -l.amountInclVat]),
    );
    expect(note.lines.every((l) => l.vatRatePercent >= 0)).toBe(true);
  });

  it('Given a credit CDR whose amounts are all negative, When assembled, Then the same credit note', () => {
    const allNegative = cdr({
      credit: true,
      credit_reference_id: 'CDR-1',
      total_cost: { excl_vat: -10.5, incl_vat: -12.705 },
      total_fixed_cost: { excl_vat: -0.5, incl_vat: -0.605 },
      total_energy_cost: { excl_vat: -8, incl_vat: -9.68 },
      total_time_cost: { excl_vat: -2, incl_vat: -2.42 },
    });
    const onlyTotal = cdr({
      credit: true,
      credit_reference_id: 'CDR-1',
      total_cost: { excl_vat: -10.5, incl_vat: -12.705 },
    });
    expect(assembleInvoice({ cdr: allNegative })).toEqual(assembleInvoice({ cdr: onlyTotal }));
  });

  it('Given currencies with 0 and 3 minor units, When amounts are rounded, Then half away from zero to those units', () => {
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('KWD')).toBe(3);
    expect(roundMoney(1.005, 'EUR').toNumber()).toBe(1.01);
    expect(roundMoney(-1.005, 'EUR').toNumber()).toBe(-1.01);
    expect(roundMoney(0.0049, 'EUR').toNumber()).toBe(0);
    expect(roundMoney(1234.5, 'JPY').toNumber()).toBe(1235);
    expect(roundMoney(1.2345, 'KWD').toNumber()).toBe(1.235);
    const yen = assembleInvoice({
      cdr: cdr({
        currency: 'JPY',
        total_cost: { excl_vat: 1000.4, incl_vat: 1100.5 },
        total_fixed_cost: undefined,
        total_time_cost: undefined,
        total_energy_cost: { excl_vat: 1000.4, incl_vat: 1100.5 },
      }),
    });
    expect(yen.lines.map((l) => [l.amountExclVat, l.amountInclVat])).toEqual([[1000, 1101]]);
    expect([yen.totalExclVat, yen.totalVat, yen.totalInclVat]).toEqual([1000, 101, 1101]);
  });

  it('Given a CDR whose token has no contract id, or a credit CDR without reference, When assembled, Then it is refused', () => {
    expect(() =>
      assembleInvoice({
        cdr: cdr({ cdr_token: { uid: 'T', country_code: 'NL', party_id: 'VLT' } }),
      }),
    ).toThrow(InvoiceInputError);
    expect(() => assembleInvoice({ cdr: cdr({ credit: true }) })).toThrow(InvoiceInputError);
    expect(() => assembleInvoice({ cdr: cdr({ currency: 'XX1' }) })).toThrow(InvoiceInputError);
  });

  it('Given a party, year and sequence, When formatted, Then PID-YYYY-NNNNNN', () => {
    expect(formatInvoiceNumber('VLT', 2026, 1)).toBe('VLT-2026-000001');
    expect(formatInvoiceNumber('VLT', 2026, 1_234_567)).toBe('VLT-2026-1234567');
  });
});
