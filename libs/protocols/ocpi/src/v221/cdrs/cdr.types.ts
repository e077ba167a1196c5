import type { OcpiCdrToken, OcpiChargingPeriod } from '../sessions/session.dto';
import type { AuthMethod } from '../sessions/session.enums';

/** OCPI 2.2.1 `Price` (amounts in the CDR's currency). */
export interface OcpiCdrPrice {
  excl_vat: number;
  incl_vat?: number;
}

/**
 * OCPI 2.2.1 `CdrLocation`. Only what a session carries is always present (ids); the address and
 * EVSE details are filled in once location data is available to the CDR producer.
 */
export interface OcpiCdrLocation {
  id: string;
  name?: string;
  address?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  country?: string;
  coordinates?: { latitude: string; longitude: string };
  evse_uid: string;
  evse_id?: string;
  connector_id: string;
  connector_standard?: string;
  connector_format?: string;
  connector_power_type?: string;
}

/** OCPI 2.2.1 `CDR` object (module cdrs), as POSTed to the eMSP. */
export interface OcpiCdr {
  country_code: string;
  party_id: string;
  id: string;
  start_date_time: string;
  end_date_time: string;
  session_id?: string;
  cdr_token: OcpiCdrToken;
  auth_method: AuthMethod;
  authorization_reference?: string;
  cdr_location: OcpiCdrLocation;
  meter_id?: string;
  currency: string;
  tariffs?: Record<string, unknown>[];
  charging_periods: OcpiChargingPeriod[];
  total_cost: OcpiCdrPrice;
  total_fixed_cost?: OcpiCdrPrice;
  /** kWh */
  total_energy: number;
  total_energy_cost?: OcpiCdrPrice;
  /** hours */
  total_time: number;
  total_time_cost?: OcpiCdrPrice;
  /** hours */
  total_parking_time?: number;
  total_parking_cost?: OcpiCdrPrice;
  total_reservation_cost?: OcpiCdrPrice;
  remark?: string;
  invoice_reference_id?: string;
  credit?: boolean;
  credit_reference_id?: string;
  home_charging_compensation?: boolean;
  last_updated: string;
}
