import type { ChargingSessionState } from '../domain/charging-session';
import type { MeterSample } from '../domain/meter-sample';

/** A session as stored: its domain state, its OCPI object and when the stale policy closes it. */
export interface StoredSession {
  state: ChargingSessionState;
  ocpiSession: Record<string, unknown>;
  /** epoch ms; when the sweeper completes it (held stop, or stale-policy grace over). */
  closeDueAt?: number;
}

export interface TransactionRef {
  stationId: string;
  transactionId: string;
}

/** A stop that overtook its start (it travels on another topic); applied when the start arrives. */
export interface EarlyStop {
  sessionId: string;
  stationId: string;
  transactionId: string;
  at: number;
  meterStopWh: number;
  reason: string;
}

/**
 * What the session use cases need from storage, inside the consumer's transaction. Every method is
 * set-based where the hot path needs it; loads for update lock the rows (in session id order).
 */
export interface ChargingSessionStore {
  /**
   * Serialises every transaction touching these sessions (transaction-scoped advisory locks, in a
   * fixed order), including sessions that do not exist yet: a start and meter values that overtook
   * it can then never miss each other.
   */
  lockSessionKeys(sessionIds: readonly string[]): Promise<void>;
  lockByIds(sessionIds: readonly string[]): Promise<ChargingSessionState[]>;
  lockActiveOnConnectors(
    refs: readonly { stationId: string; connectorId: number }[],
  ): Promise<ChargingSessionState[]>;
  /** Ids of the active sessions on these connectors, without locking (lock them afterwards). */
  findActiveIdsOnConnectors(
    refs: readonly { stationId: string; connectorId: number }[],
  ): Promise<{ sessionId: string; stationId: string; connectorId: number }[]>;
  lockActiveOnStations(stationIds: readonly string[]): Promise<ChargingSessionState[]>;
  /** Inserts a new session; false when one exists for the transaction already. */
  insert(session: StoredSession): Promise<boolean>;
  saveAll(sessions: readonly StoredSession[]): Promise<void>;
  /** Inserts samples, skipping ones already stored; returns the new ones per session. */
  insertSamples(
    rows: readonly { sessionId: string; sample: MeterSample }[],
  ): Promise<Map<string, MeterSample[]>>;
  loadSamples(sessionId: string): Promise<MeterSample[]>;
  saveEarlyStop(stop: EarlyStop): Promise<void>;
  takeEarlyStop(sessionId: string): Promise<EarlyStop | undefined>;
  /** Active sessions due for completion (held stop / stale grace over), locked (SKIP LOCKED). */
  lockDue(now: number, limit: number): Promise<ChargingSessionState[]>;
}
