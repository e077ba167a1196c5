import { overlaps, resolveAssignment, type TariffAssignment } from './tariff-assignment';

const anAssignment = (overrides: Partial<TariffAssignment>): TariffAssignment => ({
  assignmentId: 'a',
  locationId: 'LOC1',
  evseUid: 'EVSE1',
  connectorId: '1',
  emspCountryCode: null,
  emspPartyId: null,
  tariffCountryCode: 'NL',
  tariffPartyId: 'VLT',
  tariffId: 'DEFAULT',
  validFrom: null,
  validTo: null,
  ...overrides,
});
const at = new Date('2025-06-01T12:00:00Z');
const query = { locationId: 'LOC1', evseUid: 'EVSE1', connectorId: '1', at };

describe('tariff assignment resolution', () => {
  const defaultOne = anAssignment({ assignmentId: 'd', tariffId: 'DEFAULT' });
  const emspOne = anAssignment({
    assignmentId: 'e',
    tariffId: 'ROAMING-DE-ABC',
    emspCountryCode: 'DE',
    emspPartyId: 'ABC',
  });

  it('Given a default and an eMSP assignment, When that eMSP asks, Then its contract tariff applies', () => {
    const r = resolveAssignment([defaultOne, emspOne], {
      ...query,
      emspCountryCode: 'de',
      emspPartyId: 'abc',
    });
    expect(r).toEqual({ assignment: emspOne, source: 'EMSP' });
  });

  it('Given only a default for this connector, When another eMSP asks, Then the default applies', () => {
    const r = resolveAssignment([defaultOne, emspOne], {
      ...query,
      emspCountryCode: 'NL',
      emspPartyId: 'XYZ',
    });
    expect(r).toEqual({ assignment: defaultOne, source: 'DEFAULT' });
  });

  it('Given an eMSP assignment that ended, When asked after its end, Then the default applies', () => {
    const ended = { ...emspOne, validTo: new Date('2025-05-01T00:00:00Z') };
    const r = resolveAssignment([defaultOne, ended], {
      ...query,
      emspCountryCode: 'DE',
      emspPartyId: 'ABC',
    });
    expect(r?.source).toBe('DEFAULT');
  });

  it('Given a default starting tomorrow, When asked today, Then nothing applies', () => {
    const later = { ...defaultOne, validFrom: new Date('2025-06-02T00:00:00Z') };
    expect(resolveAssignment([later], query)).toBeNull();
  });

  it('Given valid_to is exclusive, When asked exactly at valid_to, Then the assignment no longer applies', () => {
    const until = { ...defaultOne, validTo: at };
    expect(resolveAssignment([until], query)).toBeNull();
    expect(resolveAssignment([{ ...defaultOne, validFrom: at }], query)?.source).toBe('DEFAULT');
  });

  it('Given another connector, Then its assignments are ignored', () => {
    expect(resolveAssignment([{ ...defaultOne, connectorId: '2' }], query)).toBeNull();
  });

  it('Given validity periods, Then overlaps are detected with open ends and exclusive ends', () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(
      overlaps({ validFrom: null, validTo: null }, { validFrom: d('2025-01-01'), validTo: null }),
    ).toBe(true);
    expect(
      overlaps(
        { validFrom: null, validTo: d('2025-02-01') },
        { validFrom: d('2025-02-01'), validTo: null },
      ),
    ).toBe(false);
    expect(
      overlaps(
        { validFrom: d('2025-01-01'), validTo: d('2025-03-01') },
        { validFrom: d('2025-02-01'), validTo: d('2025-04-01') },
      ),
    ).toBe(true);
  });
});
