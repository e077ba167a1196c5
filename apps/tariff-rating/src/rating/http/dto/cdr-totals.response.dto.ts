/** OCPI 2.2.1 Price as in the CDR: JSON numbers. */
export interface PriceResponse {
  excl_vat: number;
  incl_vat: number;
}

/** Answer of `POST /v1/rating/calculate`: the OCPI 2.2.1 CDR totals of the priced session. */
export interface CdrTotalsResponse {
  tariff_id: string;
  currency: string;
  total_cost: PriceResponse;
  total_fixed_cost: PriceResponse;
  /** kWh. */
  total_energy: number;
  total_energy_cost: PriceResponse;
  /** Hours, charging and not charging. */
  total_time: number;
  total_time_cost: PriceResponse;
  /** Hours. */
  total_parking_time: number;
  total_parking_cost: PriceResponse;
  total_reservation_cost: PriceResponse;
}
