import type { CommandResult, PendingSession } from '../domain/remote-start';
import type { ConnectorMapping } from '../domain/session-place';

/** A pending session as stored, with its OCPI Session object. */
export interface StoredPendingSession {
  state: PendingSession;
  ocpiSession: Record<string, unknown>;
}

/** Remote starts waiting for their StartTransaction, inside the consumer's transaction. */
export interface RemoteStartStore {
  /** Inserts a new pending session; false when its command was seen before. */
  insert(pending: StoredPendingSession): Promise<boolean>;
  save(pending: StoredPendingSession): Promise<void>;
  lockByCommandId(commandId: string): Promise<PendingSession | undefined>;
  /**
   * The oldest PENDING session on this station waiting for this idTag (case-insensitive) on this
   * connector or on any connector, locked.
   */
  lockMatching(start: {
    stationId: string;
    connectorId: number;
    idTag: string;
  }): Promise<PendingSession | undefined>;
  /** PENDING sessions whose window is over, locked (SKIP LOCKED: replicas share the work). */
  lockExpired(now: number, limit: number): Promise<PendingSession[]>;
  /** A command result that overtook its command (another topic); applied when the command comes. */
  saveEarlyResult(commandId: string, result: CommandResult): Promise<void>;
  takeEarlyResult(commandId: string): Promise<CommandResult | undefined>;
}

/** A location version from `location.location.upserted`. */
export interface LocationVersion {
  locationId: string;
  /** epoch ms (OCPI `last_updated`) */
  lastUpdated: number;
  timeZone: string;
  location: Record<string, unknown>;
  mappings: ConnectorMapping[];
}

/** Our locations (every version) and the current station ↔ EVSE map. */
export interface SessionPlaceStore {
  /**
   * Serialises placing sessions of these stations (transaction-scoped advisory locks, sorted): a
   * session start and a location update of its station never miss each other.
   */
  lockStations(stationIds: readonly string[]): Promise<void>;
  /**
   * Keeps the version; when it is the newest of its location, its connector mappings replace the
   * location's current ones. Returns false when this version was stored before.
   */
  recordLocation(version: LocationVersion): Promise<boolean>;
  /** The mapping of a station's connector; without a connector, the station's lowest one. */
  mappingOf(
    stationId: string,
    connectorId: number | undefined,
  ): Promise<ConnectorMapping | undefined>;
  /**
   * The location as it was at `at` (epoch ms): the newest version with `last_updated` ≤ `at`, else
   * the oldest version known (a location registered after its stations' sessions started).
   */
  locationAt(locationId: string, at: number): Promise<Record<string, unknown> | undefined>;
}
