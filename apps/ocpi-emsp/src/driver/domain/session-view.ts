/** The parts of a received OCPI Session the driver API shows (loose: stored JSON). */
export interface StoredSession {
  id: string;
  country_code: string;
  party_id: string;
  start_date_time: string;
  end_date_time?: string;
  kwh: number;
  cdr_token: { uid: string; type: string; contract_id: string };
  location_id: string;
  evse_uid: string;
  connector_id: string;
  currency: string;
  total_cost?: { excl_vat: number; incl_vat?: number };
  status: string;
  last_updated: string;
}

export interface DriverSessionView {
  id: string;
  status: string;
  location_id: string;
  evse_uid: string;
  connector_id: string;
  start_date_time: string;
  end_date_time: string | null;
  duration_seconds: number;
  kwh: number;
  currency: string;
  cost_so_far: { excl_vat: number; incl_vat: number | null } | null;
  token_uid: string;
  cpo: { country_code: string; party_id: string };
  last_updated: string;
}

/**
 * Live view of a session: duration up to `now` while it runs (to its end once it has one), energy
 * and cost as the CPO last reported them (`total_cost` absent → null: not priced yet).
 */
export function toDriverSessionView(session: StoredSession, now: Date): DriverSessionView {
  const start = Date.parse(session.start_date_time);
  const end = session.end_date_time ? Date.parse(session.end_date_time) : now.getTime();
  return {
    id: session.id,
    status: session.status,
    location_id: session.location_id,
    evse_uid: session.evse_uid,
    connector_id: session.connector_id,
    start_date_time: session.start_date_time,
    end_date_time: session.end_date_time ?? null,
    duration_seconds: Math.max(0, Math.round((end - start) / 1000)),
    kwh: session.kwh,
    currency: session.currency,
    cost_so_far: session.total_cost
      ? { excl_vat: session.total_cost.excl_vat, incl_vat: session.total_cost.incl_vat ?? null }
      : null,
    token_uid: session.cdr_token.uid,
    cpo: { country_code: session.country_code, party_id: session.party_id },
    last_updated: session.last_updated,
  };
}
