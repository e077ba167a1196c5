import type { AuthMethod, OcpiCdrLocation, TokenType } from '@voltlane/protocols-ocpi';

/** OCPI's value for a required field whose data does not exist (T&F › No data available). */
const NOT_AVAILABLE = '#NA';

/**
 * Where a session takes place in OCPI terms, and who it is for: pure mapping from our CPO's
 * location master data (`location.location.upserted`) and a remote start's token. See
 * docs/adr/0032-session-engine-remote-start-and-location-snapshot.md.
 */

/** The OCPI token a session was started for (CdrToken fields, camelCase). */
export interface SessionToken {
  countryCode: string;
  partyId: string;
  uid: string;
  type: TokenType;
  contractId: string;
}

/** How a session was authorised, when it is known better than "whitelisted tag". */
export interface SessionAuthorization {
  token: SessionToken;
  authMethod: AuthMethod;
  authorizationReference?: string;
}

/** OCPI location / EVSE / connector of a session, with the CdrLocation snapshot taken at start. */
export interface SessionPlace {
  locationId: string;
  evseUid: string;
  connectorId: string;
  /** The location as it was when the session started; absent for the station-id fallback. */
  cdrLocation?: OcpiCdrLocation;
}

/** OCPI location / EVSE / connector ids a remote start was requested for (OCPI START_SESSION). */
export interface RequestedPlace {
  locationId: string;
  evseUid: string;
  connectorId: string;
}

/** One OCPP connector of a station mapped to an OCPI connector of an EVSE of a location. */
export interface ConnectorMapping {
  stationId: string;
  ocppConnectorId: number;
  locationId: string;
  evseUid: string;
  evseId?: string;
  connectorId: string;
}

/**
 * Without location data: ids derived from the station (documented fallback, ADR 0031/0032), so a
 * session can be published and priced (a tariff can be assigned to these ids) before the station is
 * mapped to a location.
 */
export function fallbackPlace(stationId: string, connectorId: number | undefined): SessionPlace {
  const connector = connectorId ?? 1;
  return {
    locationId: stationId.slice(0, 36),
    evseUid: `${stationId}*${connector}`.slice(0, 36),
    connectorId: String(connector),
  };
}

/** CdrLocation string limits (OCPI 2.2.1 mod_cdrs); Location.address allows 255, so we truncate. */
export const CDR_LOCATION_LIMITS = {
  name: 255,
  address: 45,
  city: 45,
  postal_code: 10,
  state: 20,
  country: 3,
} as const;

/** At most `max` characters (code points, never half a surrogate pair), trailing blanks trimmed. */
export function truncateText(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('').trimEnd();
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const sameId = (a: unknown, b: string) =>
  typeof a === 'string' && a.toUpperCase() === b.toUpperCase();

/**
 * The session's place from its connector mapping and the OCPI Location (as of the session start):
 * the CdrLocation fields of the location, its EVSE and its connector. The EVSE / connector are
 * found by id (CiString: case-insensitive); missing details stay absent rather than invented.
 */
export function placeOf(mapping: ConnectorMapping, location: Json | undefined): SessionPlace {
  const place: SessionPlace = {
    locationId: mapping.locationId,
    evseUid: mapping.evseUid,
    connectorId: mapping.connectorId,
  };
  if (!location) return place;
  const evses = Array.isArray(location.evses) ? location.evses.filter(isObject) : [];
  const evse = evses.find((e) => sameId(e.uid, mapping.evseUid));
  const connectors = evse && Array.isArray(evse.connectors) ? evse.connectors.filter(isObject) : [];
  const connector = connectors.find((c) => sameId(c.id, mapping.connectorId));
  const cdr: OcpiCdrLocation = {
    id: mapping.locationId,
    evse_uid: mapping.evseUid,
    connector_id: mapping.connectorId,
  };
  for (const field of ['name', 'address', 'city', 'postal_code', 'state', 'country'] as const) {
    const value = text(location[field]);
    if (value !== undefined) cdr[field] = truncateText(value, CDR_LOCATION_LIMITS[field]);
  }
  const coordinates = location.coordinates;
  if (isObject(coordinates) && text(coordinates.latitude) && text(coordinates.longitude)) {
    cdr.coordinates = {
      latitude: String(coordinates.latitude),
      longitude: String(coordinates.longitude),
    };
  }
  // CdrLocation requires these; an EVSE without an eMI3 `evse_id` (optional on the Location) has
  // none, and OCPI's "#NA" is the value for data that does not exist (ADR 0051).
  cdr.evse_id = mapping.evseId ?? text(evse?.evse_id) ?? NOT_AVAILABLE;
  cdr.connector_standard = text(connector?.standard) ?? NOT_AVAILABLE;
  cdr.connector_format = text(connector?.format) ?? NOT_AVAILABLE;
  cdr.connector_power_type = text(connector?.power_type) ?? NOT_AVAILABLE;
  return { ...place, cdrLocation: cdr };
}
