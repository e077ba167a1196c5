import type { OcpiCdrDimension, OcpiChargingPeriod, OcpiSession } from '@voltlane/protocols-ocpi';
import type { ChargingSessionState } from './charging-session';
import type { PeriodAccumulator } from './meter-timeline';
import { fallbackPlace } from './session-place';

/** Who we are and what we cannot learn from OCPP alone (until location/token events are consumed). */
export interface OcpiSessionContext {
  countryCode: string;
  partyId: string;
  currency: string;
}

/** OCPI DateTime: UTC, second precision, `Z` (the spec's examples; partners compare strings). */
export function ocpiDateTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** Hours with 6 decimals (3.6 ms resolution), kWh with 3 (Wh), kW with 3 (W), A with 2. */
export function toChargingPeriod(p: PeriodAccumulator): OcpiChargingPeriod {
  const dimensions: OcpiCdrDimension[] = [];
  const hours = round((p.end - p.start) / 3_600_000, 6);
  if (p.mode === 'CHARGING' || p.energyWh > 0) {
    dimensions.push({ type: 'ENERGY', volume: round(p.energyWh / 1000, 3) });
  }
  dimensions.push({ type: p.mode === 'CHARGING' ? 'TIME' : 'PARKING_TIME', volume: hours });
  if (p.mode === 'CHARGING') {
    if (p.maxPowerW !== undefined) {
      dimensions.push({ type: 'MAX_POWER', volume: round(p.maxPowerW / 1000, 3) });
    }
    if (p.minPowerW !== undefined) {
      dimensions.push({ type: 'MIN_POWER', volume: round(p.minPowerW / 1000, 3) });
    }
    if (p.maxCurrentA !== undefined) {
      dimensions.push({ type: 'MAX_CURRENT', volume: round(p.maxCurrentA, 2) });
    }
    if (p.minCurrentA !== undefined) {
      dimensions.push({ type: 'MIN_CURRENT', volume: round(p.minCurrentA, 2) });
    }
  }
  if (p.socPercent !== undefined) {
    dimensions.push({ type: 'STATE_OF_CHARGE', volume: round(p.socPercent, 1) });
  }
  return { start_date_time: ocpiDateTime(p.start), dimensions };
}

/** The public session id (OCPI Session `id`, event key) of a charging session. */
export function publicSessionId(state: ChargingSessionState): string {
  return state.start.ocpiSessionId ?? state.start.sessionId;
}

/** The OCPI 2.2.1 Session object of a session, as PUT/PATCHed to the token's eMSP. */
export function toOcpiSession(state: ChargingSessionState, ctx: OcpiSessionContext): OcpiSession {
  const s = state.start;
  const auth = s.authorization;
  // Without location data, station-derived ids (ADR 0031); with it, the mapped OCPI ids (ADR 0032).
  const place = s.place ?? fallbackPlace(s.stationId, s.connectorId);
  const session: OcpiSession = {
    country_code: ctx.countryCode,
    party_id: ctx.partyId,
    id: publicSessionId(state),
    start_date_time: ocpiDateTime(s.startedAt),
    kwh: round(state.meter.energyWh / 1000, 3),
    cdr_token: auth
      ? {
          country_code: auth.token.countryCode,
          party_id: auth.token.partyId,
          uid: auth.token.uid,
          type: auth.token.type,
          contract_id: auth.token.contractId,
        }
      : {
          // The token's eMSP is not known from OCPP; until token events are consumed, our own party.
          country_code: ctx.countryCode,
          party_id: ctx.partyId,
          uid: s.idTag,
          type: 'RFID',
          contract_id: s.idTag,
        },
    auth_method: auth?.authMethod ?? 'WHITELIST',
    location_id: place.locationId,
    evse_uid: place.evseUid,
    connector_id: place.connectorId,
    currency: ctx.currency,
    charging_periods: state.meter.periods.map(toChargingPeriod),
    status: state.status,
    last_updated: ocpiDateTime(state.lastUpdated),
  };
  if (auth?.authorizationReference !== undefined) {
    session.authorization_reference = auth.authorizationReference;
  }
  if (state.endedAt !== undefined) session.end_date_time = ocpiDateTime(state.endedAt);
  return session;
}
