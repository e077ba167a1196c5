import { distanceMetres, type LatLon } from './geo';

/** Filters of `GET /api/v1/locations` (ADR 0072). */
export interface LocationFilter {
  centre: LatLon;
  radiusM: number;
  connectorType?: string;
  minPowerKw?: number;
  availableNow: boolean;
}

/** The OCPI parts of a received Location the search reads (loose: stored JSON). */
export interface StoredLocation {
  id: string;
  country_code: string;
  party_id: string;
  name?: string;
  address?: string;
  city?: string;
  postal_code?: string;
  country?: string;
  coordinates: { latitude: string; longitude: string };
  publish?: boolean;
  evses?: StoredEvse[];
  last_updated?: string;
}

interface StoredEvse {
  uid: string;
  evse_id?: string;
  status: string;
  connectors?: StoredConnector[];
}

interface StoredConnector {
  id: string;
  standard: string;
  format?: string;
  power_type?: string;
  max_voltage?: number;
  max_amperage?: number;
  max_electric_power?: number;
  tariff_ids?: string[];
}

export interface SearchConnector {
  id: string;
  standard: string;
  format?: string;
  power_type?: string;
  max_power_kw: number;
}

export interface SearchEvse {
  uid: string;
  evse_id?: string;
  status: string;
  connectors: SearchConnector[];
}

export interface SearchHit {
  partner_id: string;
  location_id: string;
  country_code: string;
  party_id: string;
  name?: string;
  address?: string;
  city?: string;
  coordinates: { latitude: string; longitude: string };
  distance_m: number;
  availability: { evses: number; available: number };
  evses: SearchEvse[];
}

/**
 * Connector power in kW: `max_electric_power` (W) when given, else voltage × amperage (× √3 for
 * three-phase AC).
 */
export function connectorPowerKw(c: StoredConnector): number {
  if (typeof c.max_electric_power === 'number' && c.max_electric_power > 0) {
    return round1(c.max_electric_power / 1000);
  }
  const v = c.max_voltage ?? 0;
  const a = c.max_amperage ?? 0;
  const phases = c.power_type === 'AC_3_PHASE' ? Math.sqrt(3) : 1;
  return round1((v * a * phases) / 1000);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * One candidate against the filters: the matching connectors of each EVSE (EVSEs without a
 * matching connector dropped; REMOVED EVSEs never shown), the AVAILABLE count over the shown EVSEs,
 * the exact distance. `null` when the location is outside the radius, unpublished, or nothing
 * matches (with `availableNow`, when no shown EVSE is AVAILABLE).
 */
export function matchLocation(
  partnerId: string,
  location: StoredLocation,
  filter: LocationFilter,
): SearchHit | null {
  if (location.publish === false) return null;
  const lat = Number(location.coordinates?.latitude);
  const lon = Number(location.coordinates?.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const distance = distanceMetres(filter.centre, { lat, lon });
  if (distance > filter.radiusM) return null;
  const evses: SearchEvse[] = [];
  for (const evse of location.evses ?? []) {
    if (evse.status === 'REMOVED') continue;
    const connectors = (evse.connectors ?? [])
      .map((c) => ({ c, kw: connectorPowerKw(c) }))
      .filter(({ c, kw }) => {
        if (filter.connectorType && c.standard !== filter.connectorType) return false;
        if (filter.minPowerKw !== undefined && kw < filter.minPowerKw) return false;
        return true;
      })
      .map(({ c, kw }) => ({
        id: c.id,
        standard: c.standard,
        format: c.format,
        power_type: c.power_type,
        max_power_kw: kw,
      }));
    if (connectors.length === 0) continue;
    evses.push({ uid: evse.uid, evse_id: evse.evse_id, status: evse.status, connectors });
  }
  if (evses.length === 0) return null;
  const available = evses.filter((e) => e.status === 'AVAILABLE').length;
  if (filter.availableNow && available === 0) return null;
  return {
    partner_id: partnerId,
    location_id: location.id,
    country_code: location.country_code,
    party_id: location.party_id,
    name: location.name,
    address: location.address,
    city: location.city,
    coordinates: location.coordinates,
    distance_m: Math.round(distance),
    availability: { evses: evses.length, available },
    evses,
  };
}
