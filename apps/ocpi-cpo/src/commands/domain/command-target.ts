/**
 * Which OCPP station/connector an OCPI command addresses (pure): the location's EVSE ↔ OCPP map
 * (cpo-locations, ADR 0064) gives one station connector per EVSE.
 */

export interface MappedEvse {
  evseUid: string;
  stationId: string;
  ocppConnectorId: number;
  removed: boolean;
}

export interface LocationEvseJson {
  uid: string;
  status?: string;
  capabilities?: string[] | null;
  connectors?: { id: string }[];
}

export type TargetProblem =
  'unknown_evse' | 'unknown_connector' | 'connector_required' | 'several_stations' | 'no_evse';

export type Target =
  | { ok: true; stationId: string; connectorId?: number; evseUid?: string }
  | { ok: false; problem: TargetProblem; message: string };

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/**
 * The station connector for `evse_uid`/`connector_id` (ids case-insensitive). Without an EVSE the
 * station itself (connector left to it) when all active EVSEs are on one station.
 * `requireConnectorCapability`: START_SESSION with START_SESSION_CONNECTOR_REQUIRED
 * [CMD › _StartSession_ Object].
 */
export function targetOf(
  evses: MappedEvse[],
  locationEvses: LocationEvseJson[],
  ref: { evseUid?: string | null; connectorId?: string | null },
  options: { requireConnectorCapability?: boolean } = {},
): Target {
  const active = evses.filter((e) => !e.removed);
  if (!ref.evseUid) {
    const stations = new Set(active.map((e) => e.stationId));
    if (stations.size === 0)
      return { ok: false, problem: 'no_evse', message: 'location has no EVSE' };
    if (stations.size > 1) {
      return {
        ok: false,
        problem: 'several_stations',
        message: 'location has EVSEs on several stations: evse_uid is needed',
      };
    }
    return { ok: true, stationId: active[0].stationId };
  }
  const mapped = active.find((e) => same(e.evseUid, ref.evseUid as string));
  const json = locationEvses.find((e) => same(String(e.uid), ref.evseUid as string));
  if (!mapped || !json || json.status === 'REMOVED') {
    return { ok: false, problem: 'unknown_evse', message: `unknown EVSE ${ref.evseUid}` };
  }
  if (ref.connectorId) {
    const known = (json.connectors ?? []).some((c) =>
      same(String(c.id), ref.connectorId as string),
    );
    if (!known) {
      return {
        ok: false,
        problem: 'unknown_connector',
        message: `unknown connector ${ref.connectorId} of EVSE ${ref.evseUid}`,
      };
    }
  } else if (
    options.requireConnectorCapability &&
    (json.capabilities ?? []).includes('START_SESSION_CONNECTOR_REQUIRED')
  ) {
    return {
      ok: false,
      problem: 'connector_required',
      message: `EVSE ${ref.evseUid} requires connector_id (START_SESSION_CONNECTOR_REQUIRED)`,
    };
  }
  return {
    ok: true,
    stationId: mapped.stationId,
    connectorId: mapped.ocppConnectorId,
    evseUid: mapped.evseUid,
  };
}

/** OCPP 1.6 IdToken is CiString20: a longer token uid cannot be sent to a 1.6 station. */
export function fitsOcppIdTag(uid: string): boolean {
  return /^[\x20-\x7E]{1,20}$/.test(uid);
}
