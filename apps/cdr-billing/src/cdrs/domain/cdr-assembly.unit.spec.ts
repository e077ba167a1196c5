import type { ChargingSessionCompletedV1, SessionRatedV1 } from '@voltlane/contracts-events';
import { createEnvelope, validateEvent } from '@voltlane/contracts-events';
import { assembleCdr, cdrCreatedEvent, correctionOf, creditOf } from './cdr-assembly';
import { CdrInputMismatchError } from './cdr.errors';

const SESSION_ID = '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1';
const NOW = '2025-03-14T11:00:00.250Z';

/** The event as cdr-billing publishes it, checked against its contract (envelope included). */
const contractErrors = (data: ReturnType<typeof cdrCreatedEvent>) => {
  const envelope = createEnvelope('billing.cdr.created.v1', data, {
    producer: 'cdr-billing',
    correlationId: 'unit',
    causationId: null,
  });
  const result = validateEvent('billing.cdr.created.v1', JSON.parse(JSON.stringify(envelope)));
  return result.ok ? [] : result.errors;
};

const completed = (over: Partial<ChargingSessionCompletedV1> = {}): ChargingSessionCompletedV1 => ({
  sessionId: SESSION_ID,
  countryCode: 'NL',
  partyId: 'VLT',
  revision: 19,
  stationId: 'CP-AMS-0042',
  transactionId: '100017',
  tokenUid: '04A2B3C4D5E6F7',
  emspCountryCode: 'DE',
  emspPartyId: 'VLE',
  startedAt: '2025-03-14T09:31:00.000Z',
  endedAt: '2025-03-14T10:58:41.400Z',
  meterStartWh: 1_254_300,
  meterStopWh: 1_276_950,
  energyWh: 22_650,
  stopReason: 'EVDisconnected',
  session: {
    country_code: 'NL',
    party_id: 'VLT',
    id: SESSION_ID,
    start_date_time: '2025-03-14T09:31:00Z',
    end_date_time: '2025-03-14T10:58:41Z',
    kwh: 22.65,
    cdr_token: {
      country_code: 'DE',
      party_id: 'VLE',
      uid: '04A2B3C4D5E6F7',
      type: 'RFID',
      contract_id: 'DE-VLE-C12345678-X',
    },
    auth_method: 'AUTH_REQUEST',
    authorization_reference: 'AUTH-REF-1',
    location_id: 'LOC-AMS-1',
    evse_uid: 'CP-AMS-0042*1',
    connector_id: '1',
    currency: 'EUR',
    status: 'COMPLETED',
    last_updated: '2025-03-14T10:58:41Z',
  },
  ...over,
});

const rated = (over: Partial<SessionRatedV1> = {}): SessionRatedV1 => ({
  sessionId: SESSION_ID,
  countryCode: 'NL',
  partyId: 'VLT',
  sessionRevision: 19,
  tariffIds: ['TARIFF-AC-STANDARD'],
  currency: 'EUR',
  totalCost: { exclVat: 9.8335, inclVat: 11.8985 },
  totalFixedCost: { exclVat: 1, inclVat: 1.21 },
  totalEnergyCost: { exclVat: 8.8335, inclVat: 10.6885 },
  totalEnergyWh: 22_650,
  totalTimeSeconds: 5_261,
  totalParkingTimeSeconds: 900,
  chargingPeriods: [
    {
      start_date_time: '2025-03-14T09:31:00Z',
      dimensions: [{ type: 'ENERGY', volume: 22.65 }],
      tariff_id: 'TARIFF-AC-STANDARD',
    },
  ],
  ratedAt: '2025-03-14T10:58:42.105Z',
  ...over,
});

describe('CDR assembly', () => {
  it('Given a completed session and its rating, When assembled, Then the CDR carries session facts and every rated total', () => {
    // When
    const record = assembleCdr(completed(), rated(), { cdrId: 'CDR-1', now: NOW });
    // Then
    expect(record).toMatchObject({
      cdrId: 'CDR-1',
      sessionId: SESSION_ID,
      kind: 'ORIGINAL',
      emspCountryCode: 'DE',
      emspPartyId: 'VLE',
      tariffIds: ['TARIFF-AC-STANDARD'],
    });
    expect(record.cdr).toEqual({
      country_code: 'NL',
      party_id: 'VLT',
      id: 'CDR-1',
      start_date_time: '2025-03-14T09:31:00Z',
      end_date_time: '2025-03-14T10:58:41Z',
      session_id: SESSION_ID,
      cdr_token: {
        country_code: 'DE',
        party_id: 'VLE',
        uid: '04A2B3C4D5E6F7',
        type: 'RFID',
        contract_id: 'DE-VLE-C12345678-X',
      },
      auth_method: 'AUTH_REQUEST',
      authorization_reference: 'AUTH-REF-1',
      cdr_location: { id: 'LOC-AMS-1', evse_uid: 'CP-AMS-0042*1', connector_id: '1' },
      currency: 'EUR',
      charging_periods: rated().chargingPeriods,
      total_cost: { excl_vat: 9.8335, incl_vat: 11.8985 },
      total_fixed_cost: { excl_vat: 1, incl_vat: 1.21 },
      total_energy: 22.65,
      total_energy_cost: { excl_vat: 8.8335, incl_vat: 10.6885 },
      total_time: 1.461389,
      total_parking_time: 0.25,
      last_updated: '2025-03-14T11:00:00Z',
    });
  });

  it('Given the CdrLocation snapshot of the session start and the tariffs used, When assembled, Then the CDR carries both as given', () => {
    // Given
    const cdrLocation = {
      id: 'LOC-AMS-1',
      name: 'Voltlane Amsterdam Zuidas',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082 PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      evse_uid: 'EVSE-0042-1',
      evse_id: 'NL*VLT*E0042*1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    };
    const tariff = {
      country_code: 'NL',
      party_id: 'VLT',
      id: 'TARIFF-AC-STANDARD',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: 0.39, step_size: 1 }] }],
      last_updated: '2025-02-01T00:00:00Z',
    };
    // When
    const record = assembleCdr(completed({ cdrLocation }), rated(), { cdrId: 'CDR-L', now: NOW }, [
      tariff,
    ]);
    // Then: the snapshot wins over the Session's ids, the tariffs are copies (immutable CDR)
    expect(record.cdr.cdr_location).toEqual(cdrLocation);
    expect(record.cdr.tariffs).toEqual([tariff]);
    tariff.currency = 'USD';
    cdrLocation.name = 'renamed later';
    expect(record.cdr.tariffs?.[0]).toMatchObject({ currency: 'EUR' });
    expect(record.cdr.cdr_location.name).toBe('Voltlane Amsterdam Zuidas');
    expect(contractErrors(cdrCreatedEvent(record))).toEqual([]);
  });

  it('Given no tariffs, When assembled, Then the CDR has no tariffs field', () => {
    expect(assembleCdr(completed(), rated(), { cdrId: 'CDR-N', now: NOW }).cdr).not.toHaveProperty(
      'tariffs',
    );
  });

  it('Given a session without OCPI token data, When assembled, Then the token comes from the OCPP tag and the eMSP fields', () => {
    // Given
    const bare = completed({ session: { country_code: 'NL', party_id: 'VLT', id: SESSION_ID } });
    // When
    const record = assembleCdr(bare, rated({ totalFixedCost: undefined }), {
      cdrId: 'CDR-2',
      now: NOW,
    });
    // Then
    expect(record.cdr.cdr_token).toEqual({
      country_code: 'DE',
      party_id: 'VLE',
      uid: '04A2B3C4D5E6F7',
      type: 'RFID',
      contract_id: '04A2B3C4D5E6F7',
    });
    expect(record.cdr.auth_method).toBe('WHITELIST');
    expect(record.cdr.cdr_location).toEqual({
      id: 'CP-AMS-0042',
      evse_uid: 'CP-AMS-0042',
      connector_id: '1',
    });
    expect(record.cdr).not.toHaveProperty('total_fixed_cost');
  });

  it('Given a rating of another session, When assembled, Then it is rejected', () => {
    expect(() =>
      assembleCdr(completed(), rated({ sessionId: '00000000-0000-4000-8000-000000000000' }), {
        cdrId: 'CDR-3',
        now: NOW,
      }),
    ).toThrow(CdrInputMismatchError);
  });

  it('Given a CDR, When its event is built, Then it satisfies the billing.cdr.created.v1 contract', () => {
    // Given
    const record = assembleCdr(completed(), rated(), { cdrId: 'CDR-1', now: NOW });
    // When
    const event = cdrCreatedEvent(record);
    // Then
    expect(event).toMatchObject({
      cdrId: 'CDR-1',
      sessionId: SESSION_ID,
      countryCode: 'NL',
      partyId: 'VLT',
      emspCountryCode: 'DE',
      emspPartyId: 'VLE',
      currency: 'EUR',
      totalCost: { exclVat: 9.8335, inclVat: 11.8985 },
      totalEnergyWh: 22_650,
      startDateTime: '2025-03-14T09:31:00Z',
      endDateTime: '2025-03-14T10:58:41Z',
      credit: false,
    });
    expect(event).not.toHaveProperty('creditReferenceId');
    expect(contractErrors(event)).toEqual([]);
  });

  it('Given a CDR, When credited, Then the credit CDR keeps all data, negates only total_cost and references the original', () => {
    // Given
    const original = assembleCdr(completed(), rated(), { cdrId: 'CDR-1', now: NOW });
    // When
    const credit = creditOf(original, { cdrId: 'CDR-1-C', now: '2025-03-20T08:00:00Z' });
    // Then
    expect(credit.kind).toBe('CREDIT');
    expect(credit.cdr).toEqual({
      ...original.cdr,
      id: 'CDR-1-C',
      total_cost: { excl_vat: -9.8335, incl_vat: -11.8985 },
      credit: true,
      credit_reference_id: 'CDR-1',
      last_updated: '2025-03-20T08:00:00Z',
    });
    const event = cdrCreatedEvent(credit);
    expect(event).toMatchObject({ credit: true, creditReferenceId: 'CDR-1' });
    expect(event.totalCost).toEqual({ exclVat: -9.8335, inclVat: -11.8985 });
    expect(contractErrors(event)).toEqual([]);
  });

  it('Given a credit CDR, When credited again, Then it is refused', () => {
    const original = assembleCdr(completed(), rated(), { cdrId: 'CDR-1', now: NOW });
    const credit = creditOf(original, { cdrId: 'CDR-1-C', now: NOW });
    expect(() => creditOf(credit, { cdrId: 'CDR-1-CC', now: NOW })).toThrow(CdrInputMismatchError);
  });

  it('Given corrected totals, When the new CDR is built, Then it has them, no credit fields and the remark', () => {
    // Given
    const original = assembleCdr(completed(), rated(), { cdrId: 'CDR-1', now: NOW });
    // When
    const corrected = correctionOf(
      original,
      {
        total_cost: { excl_vat: 5, incl_vat: 6.05 },
        total_energy_cost: { excl_vat: 5, incl_vat: 6.05 },
        remark: 'goodwill',
      },
      { cdrId: 'CDR-2', now: '2025-03-20T08:00:00Z' },
    );
    // Then
    expect(corrected.kind).toBe('CORRECTION');
    expect(corrected.cdr).toMatchObject({
      id: 'CDR-2',
      session_id: SESSION_ID,
      total_cost: { excl_vat: 5, incl_vat: 6.05 },
      total_energy_cost: { excl_vat: 5, incl_vat: 6.05 },
      total_energy: 22.65,
      remark: 'goodwill',
    });
    expect(corrected.cdr).not.toHaveProperty('total_fixed_cost');
    expect(corrected.cdr).not.toHaveProperty('credit');
    expect(original.cdr.total_cost).toEqual({ excl_vat: 9.8335, incl_vat: 11.8985 });
    expect(contractErrors(cdrCreatedEvent(corrected))).toEqual([]);
  });
});
