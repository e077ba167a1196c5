import type {
  CdrCreatedV1,
  ChargingSessionCompletedV1,
  PriceV1,
  SessionRatedV1,
} from '@voltlane/contracts-events';
import type { OcpiCdr, OcpiCdrPrice } from '@voltlane/protocols-ocpi';
import { CdrInputMismatchError } from './cdr.errors';

/** OCPI DateTime: UTC, second precision, `Z`. */
export function ocpiDateTime(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export const toOcpiPrice = (p: PriceV1): OcpiCdrPrice =>
  p.inclVat === undefined ? { excl_vat: p.exclVat } : { excl_vat: p.exclVat, incl_vat: p.inclVat };

export const fromOcpiPrice = (p: OcpiCdrPrice): PriceV1 =>
  p.incl_vat === undefined ? { exclVat: p.excl_vat } : { exclVat: p.excl_vat, inclVat: p.incl_vat };

/** A CDR as stored and published: the OCPI object plus the routing facts of the event. */
export interface CdrRecord {
  cdrId: string;
  sessionId: string;
  kind: 'ORIGINAL' | 'CREDIT' | 'CORRECTION';
  emspCountryCode: string;
  emspPartyId: string;
  tariffIds: string[];
  cdr: OcpiCdr;
}

/**
 * Assembles the OCPI 2.2.1 CDR of a completed session from its final price. The session gives
 * who/where/when (token, the CdrLocation as it was at the session start, start/end); the rating
 * gives every total and the charging periods; `tariffs` are the OCPI Tariff objects the rating used
 * (as they were when it rated). Both must be about the same session of the same CPO.
 */
export function assembleCdr(
  completed: ChargingSessionCompletedV1,
  rated: SessionRatedV1,
  ids: { cdrId: string; now: string },
  tariffs: readonly Record<string, unknown>[] = [],
): CdrRecord {
  if (
    completed.sessionId !== rated.sessionId ||
    completed.countryCode !== rated.countryCode ||
    completed.partyId !== rated.partyId
  ) {
    throw new CdrInputMismatchError(
      `session ${completed.sessionId} and rating of ${rated.sessionId} do not match`,
    );
  }
  const session = completed.session as {
    cdr_token?: OcpiCdr['cdr_token'];
    auth_method?: OcpiCdr['auth_method'];
    authorization_reference?: string;
    location_id?: string;
    evse_uid?: string;
    connector_id?: string;
    meter_id?: string;
  };
  const cdrToken: OcpiCdr['cdr_token'] = session.cdr_token ?? {
    country_code: completed.emspCountryCode ?? completed.countryCode,
    party_id: completed.emspPartyId ?? completed.partyId,
    uid: completed.tokenUid,
    type: 'RFID',
    contract_id: completed.tokenUid,
  };
  const cdr: OcpiCdr = {
    country_code: completed.countryCode,
    party_id: completed.partyId,
    id: ids.cdrId,
    start_date_time: ocpiDateTime(completed.startedAt),
    end_date_time: ocpiDateTime(completed.endedAt),
    session_id: completed.sessionId,
    cdr_token: cdrToken,
    auth_method: session.auth_method ?? 'WHITELIST',
    // The snapshot taken when the session started (a later location change does not apply);
    // without location data only the ids of the Session (station-derived fallback, ADR 0032).
    cdr_location: completed.cdrLocation
      ? (structuredClone(completed.cdrLocation) as unknown as OcpiCdr['cdr_location'])
      : {
          id: session.location_id ?? completed.stationId.slice(0, 36),
          evse_uid: session.evse_uid ?? completed.stationId.slice(0, 36),
          connector_id: session.connector_id ?? '1',
        },
    currency: rated.currency,
    charging_periods: rated.chargingPeriods as unknown as OcpiCdr['charging_periods'],
    total_cost: toOcpiPrice(rated.totalCost),
    total_energy: round(rated.totalEnergyWh / 1000, 3),
    total_time: round(rated.totalTimeSeconds / 3600, 6),
    last_updated: ocpiDateTime(ids.now),
  };
  if (session.authorization_reference !== undefined) {
    cdr.authorization_reference = session.authorization_reference;
  }
  if (session.meter_id !== undefined) cdr.meter_id = session.meter_id;
  if (tariffs.length > 0) cdr.tariffs = tariffs.map((t) => structuredClone(t));
  if (rated.totalFixedCost) cdr.total_fixed_cost = toOcpiPrice(rated.totalFixedCost);
  if (rated.totalEnergyCost) cdr.total_energy_cost = toOcpiPrice(rated.totalEnergyCost);
  if (rated.totalTimeCost) cdr.total_time_cost = toOcpiPrice(rated.totalTimeCost);
  if (rated.totalParkingTimeSeconds !== undefined) {
    cdr.total_parking_time = round(rated.totalParkingTimeSeconds / 3600, 6);
  }
  if (rated.totalParkingCost) cdr.total_parking_cost = toOcpiPrice(rated.totalParkingCost);
  return {
    cdrId: ids.cdrId,
    sessionId: completed.sessionId,
    kind: 'ORIGINAL',
    emspCountryCode: cdrToken.country_code,
    emspPartyId: cdrToken.party_id,
    tariffIds: [...rated.tariffIds],
    cdr,
  };
}

const negate = (p: OcpiCdrPrice): OcpiCdrPrice =>
  p.incl_vat === undefined
    ? { excl_vat: -p.excl_vat || 0 }
    : { excl_vat: -p.excl_vat || 0, incl_vat: -p.incl_vat || 0 };

/** Corrected totals of a CDR (OCPI field names); absent optional totals are dropped. */
export interface CorrectedTotals {
  total_cost: OcpiCdrPrice;
  total_fixed_cost?: OcpiCdrPrice;
  total_energy_cost?: OcpiCdrPrice;
  total_time_cost?: OcpiCdrPrice;
  total_parking_cost?: OcpiCdrPrice;
  remark?: string;
}

/**
 * OCPI credit CDR of `original`: all its data, a new id, `credit: true`, `credit_reference_id` the
 * original's id, and only `total_cost` negated (mod_cdrs "Credit CDRs").
 */
export function creditOf(original: CdrRecord, ids: { cdrId: string; now: string }): CdrRecord {
  if (original.cdr.credit === true) {
    throw new CdrInputMismatchError(`CDR ${original.cdrId} is a credit CDR and cannot be credited`);
  }
  return {
    ...original,
    cdrId: ids.cdrId,
    kind: 'CREDIT',
    cdr: {
      ...original.cdr,
      id: ids.cdrId,
      total_cost: negate(original.cdr.total_cost),
      credit: true,
      credit_reference_id: original.cdrId,
      last_updated: ocpiDateTime(ids.now),
    },
  };
}

/** The replacement CDR after a credit: the original's data with the corrected totals. */
export function correctionOf(
  original: CdrRecord,
  totals: CorrectedTotals,
  ids: { cdrId: string; now: string },
): CdrRecord {
  const cdr: OcpiCdr = { ...original.cdr, id: ids.cdrId, last_updated: ocpiDateTime(ids.now) };
  delete cdr.credit;
  delete cdr.credit_reference_id;
  delete cdr.total_fixed_cost;
  delete cdr.total_energy_cost;
  delete cdr.total_time_cost;
  delete cdr.total_parking_cost;
  cdr.total_cost = totals.total_cost;
  if (totals.total_fixed_cost) cdr.total_fixed_cost = totals.total_fixed_cost;
  if (totals.total_energy_cost) cdr.total_energy_cost = totals.total_energy_cost;
  if (totals.total_time_cost) cdr.total_time_cost = totals.total_time_cost;
  if (totals.total_parking_cost) cdr.total_parking_cost = totals.total_parking_cost;
  if (totals.remark !== undefined) cdr.remark = totals.remark;
  return { ...original, cdrId: ids.cdrId, kind: 'CORRECTION', cdr };
}

/** `billing.cdr.created.v1` of a CDR. */
export function cdrCreatedEvent(record: CdrRecord): CdrCreatedV1 {
  const c = record.cdr;
  const event: CdrCreatedV1 = {
    cdrId: record.cdrId,
    sessionId: record.sessionId,
    countryCode: c.country_code,
    partyId: c.party_id,
    emspCountryCode: record.emspCountryCode,
    emspPartyId: record.emspPartyId,
    currency: c.currency,
    totalCost: fromOcpiPrice(c.total_cost),
    totalEnergyWh: Math.round(c.total_energy * 1000),
    startDateTime: c.start_date_time,
    endDateTime: c.end_date_time,
    credit: c.credit === true,
    cdr: c as unknown as Record<string, unknown>,
  };
  if (c.credit_reference_id !== undefined) event.creditReferenceId = c.credit_reference_id;
  return event;
}
