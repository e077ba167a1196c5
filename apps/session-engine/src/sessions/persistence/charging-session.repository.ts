import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type TraceHeaders, traceHeadersOf } from '@voltlane/platform-core';
import type { ChargingSessionState } from '../domain/charging-session';
import type { MeterSample } from '../domain/meter-sample';
import type { ChargingSessionStore, EarlyStop, StoredSession } from './charging-session.store';

const S = '"session_engine"';

interface StateRow {
  state: ChargingSessionState;
}

interface SampleRow {
  session_id: string;
  at: string;
  measurand: string;
  phase: string;
  location: string;
  context: string | null;
  unit: string;
  value: number;
}

/**
 * The only TypeORM user for sessions: plain SQL through the consumer's EntityManager, set-based
 * (unnest) on the meter-value hot path. `bind(manager)` gives the store of one transaction.
 */
@Injectable()
export class ChargingSessionRepository {
  bind(manager: EntityManager): ChargingSessionStore {
    return new TransactionalSessionStore(manager);
  }

  async countActive(manager: EntityManager): Promise<number> {
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*) AS n FROM ${S}."charging_sessions" WHERE "status" = 'ACTIVE'`,
    );
    return Number(rows[0].n);
  }

  /** The trace context each session was started in (sessions without one are left out). */
  async traceContexts(
    manager: EntityManager,
    sessionIds: readonly string[],
  ): Promise<Map<string, TraceHeaders>> {
    if (sessionIds.length === 0) return new Map();
    const rows: { session_id: string; trace_context: TraceHeaders }[] = await manager.query(
      `SELECT "session_id", "trace_context" FROM ${S}."charging_sessions"
       WHERE "session_id" = ANY($1::uuid[]) AND "trace_context" IS NOT NULL`,
      [[...new Set(sessionIds)]],
    );
    return new Map(rows.map((r) => [r.session_id, r.trace_context]));
  }
}

class TransactionalSessionStore implements ChargingSessionStore {
  constructor(private readonly manager: EntityManager) {}

  private async states(sql: string, params: unknown[]): Promise<ChargingSessionState[]> {
    const rows: StateRow[] = await this.manager.query(sql, params);
    return rows.map((r) => r.state);
  }

  async lockSessionKeys(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended('voltlane-session:' || x, 0) AS k
         FROM unnest($1::text[]) AS x ORDER BY 1
       ) AS locks`,
      [[...new Set(sessionIds)]],
    );
  }

  lockByIds(sessionIds: readonly string[]): Promise<ChargingSessionState[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.states(
      `SELECT "state" FROM ${S}."charging_sessions" WHERE "session_id" = ANY($1::uuid[])
       ORDER BY "session_id" FOR UPDATE`,
      [[...new Set(sessionIds)]],
    );
  }

  lockActiveOnConnectors(
    refs: readonly { stationId: string; connectorId: number }[],
  ): Promise<ChargingSessionState[]> {
    if (refs.length === 0) return Promise.resolve([]);
    return this.states(
      `SELECT c."state" FROM ${S}."charging_sessions" c
       JOIN unnest($1::text[], $2::int[]) AS r(station_id, connector_id)
         ON c."station_id" = r.station_id AND c."connector_id" = r.connector_id
       WHERE c."status" = 'ACTIVE' ORDER BY c."session_id" FOR UPDATE OF c`,
      [refs.map((r) => r.stationId), refs.map((r) => r.connectorId)],
    );
  }

  async findActiveIdsOnConnectors(
    refs: readonly { stationId: string; connectorId: number }[],
  ): Promise<{ sessionId: string; stationId: string; connectorId: number }[]> {
    if (refs.length === 0) return [];
    const rows: { session_id: string; station_id: string; connector_id: number }[] =
      await this.manager.query(
        `SELECT c."session_id", c."station_id", c."connector_id"
         FROM ${S}."charging_sessions" c
         JOIN unnest($1::text[], $2::int[]) AS r(station_id, connector_id)
           ON c."station_id" = r.station_id AND c."connector_id" = r.connector_id
         WHERE c."status" = 'ACTIVE'`,
        [refs.map((r) => r.stationId), refs.map((r) => r.connectorId)],
      );
    return rows.map((r) => ({
      sessionId: r.session_id,
      stationId: r.station_id,
      connectorId: r.connector_id,
    }));
  }

  lockActiveOnStations(stationIds: readonly string[]): Promise<ChargingSessionState[]> {
    if (stationIds.length === 0) return Promise.resolve([]);
    return this.states(
      `SELECT "state" FROM ${S}."charging_sessions"
       WHERE "station_id" = ANY($1::text[]) AND "status" = 'ACTIVE'
       ORDER BY "session_id" FOR UPDATE`,
      [[...new Set(stationIds)]],
    );
  }

  async insert(session: StoredSession): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO ${S}."charging_sessions" (${COLUMNS}, "trace_context")
       SELECT ${COLUMNS}, $2::jsonb FROM jsonb_to_recordset($1::jsonb) AS u(${COLUMN_TYPES})
       ON CONFLICT DO NOTHING RETURNING "session_id"`,
      // The trace the session starts in (the consumer's span), continued by its completion.
      [rowsJson([session]), startTraceContext()],
    );
    return rows.length === 1;
  }

  async saveAll(sessions: readonly StoredSession[]): Promise<void> {
    if (sessions.length === 0) return;
    await this.manager.query(
      `UPDATE ${S}."charging_sessions" c SET
         "status" = u.status, "ended_at" = u.ended_at, "energy_wh" = u.energy_wh,
         "revision" = u.revision, "closed_by" = u.closed_by, "close_due_at" = u.close_due_at,
         "last_updated" = u.last_updated, "state" = u.state, "ocpi_session" = u.ocpi_session
       FROM json_to_recordset($1::json) AS u(${COLUMN_TYPES})
       WHERE c."session_id" = u.session_id`,
      [rowsJson(sessions)],
    );
  }

  async insertSamples(
    rows: readonly { sessionId: string; sample: MeterSample }[],
  ): Promise<Map<string, MeterSample[]>> {
    const fresh = new Map<string, MeterSample[]>();
    if (rows.length === 0) return fresh;
    // One row per key (the first wins, as the database would keep it), so that the ordinals the
    // statement returns map 1:1 to the rows inserted now; replayed samples are not returned.
    const unique = new Map<string, { sessionId: string; sample: MeterSample }>();
    for (const row of rows) {
      const { at, measurand, phase, location } = row.sample;
      const key = `${row.sessionId}|${at}|${measurand}|${phase ?? ''}|${location ?? ''}`;
      if (!unique.has(key)) unique.set(key, row);
    }
    const candidates = [...unique.values()];
    // `json` (not `jsonb`): parsed once, in one pass. Only the ordinals of the inserted rows come
    // back, not the rows themselves (the hot path inserts a few thousand samples per chunk).
    const inserted: { i: string }[] = await this.manager.query(
      `WITH x AS (
         SELECT * FROM ROWS FROM (json_to_recordset($1::json)
           AS (s uuid, t bigint, m text, p text, l text, c text, u text, v float8))
           WITH ORDINALITY AS x(s, t, m, p, l, c, u, v, i)
       ), ins AS (
         INSERT INTO ${S}."meter_samples" ("session_id", "measured_at", "measurand", "phase",
           "location", "context", "unit", "value")
         SELECT s, to_timestamp(t / 1000.0), m, coalesce(p, ''), coalesce(l, ''), c, u, v
         FROM x ORDER BY i
         ON CONFLICT DO NOTHING
         RETURNING "session_id", "measured_at", "measurand", "phase", "location"
       )
       SELECT x.i FROM x JOIN ins ON ins."session_id" = x.s
         AND ins."measured_at" = to_timestamp(x.t / 1000.0) AND ins."measurand" = x.m
         AND ins."phase" = coalesce(x.p, '') AND ins."location" = coalesce(x.l, '')
       ORDER BY x.i`,
      [
        JSON.stringify(
          candidates.map((r) => ({
            s: r.sessionId,
            t: r.sample.at,
            m: r.sample.measurand,
            p: r.sample.phase,
            l: r.sample.location,
            c: r.sample.context,
            u: r.sample.unit,
            v: r.sample.value,
          })),
        ),
      ],
    );
    for (const { i } of inserted) {
      const row = candidates[Number(i) - 1];
      const list = fresh.get(row.sessionId) ?? [];
      list.push(asStored(row.sample));
      fresh.set(row.sessionId, list);
    }
    return fresh;
  }

  async loadSamples(sessionId: string): Promise<MeterSample[]> {
    const rows: SampleRow[] = await this.manager.query(
      `SELECT "session_id", (extract(epoch FROM "measured_at") * 1000)::text AS at, "measurand",
         "phase", "location", "context", "unit", "value"
       FROM ${S}."meter_samples" WHERE "session_id" = $1 ORDER BY "measured_at"`,
      [sessionId],
    );
    return rows.map(toSample);
  }

  async saveEarlyStop(stop: EarlyStop): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${S}."early_stops" ("session_id", "stop") VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [stop.sessionId, JSON.stringify(stop)],
    );
  }

  async takeEarlyStop(sessionId: string): Promise<EarlyStop | undefined> {
    // A CTE so the command is a SELECT: TypeORM returns [rows, count] for a bare DELETE.
    const rows: { stop: EarlyStop }[] = await this.manager.query(
      `WITH taken AS (DELETE FROM ${S}."early_stops" WHERE "session_id" = $1 RETURNING "stop")
       SELECT "stop" FROM taken`,
      [sessionId],
    );
    return rows[0]?.stop;
  }

  lockDue(now: number, limit: number): Promise<ChargingSessionState[]> {
    return this.states(
      `SELECT "state" FROM ${S}."charging_sessions"
       WHERE "status" = 'ACTIVE' AND "close_due_at" <= $1
       ORDER BY "close_due_at" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [new Date(now).toISOString(), limit],
    );
  }
}

/** A sample as `loadSamples` would read it back (empty phase/location/context left out). */
function asStored(sample: MeterSample): MeterSample {
  const stored: MeterSample = {
    at: sample.at,
    measurand: sample.measurand,
    value: sample.value,
    unit: sample.unit,
  };
  if (sample.phase) stored.phase = sample.phase;
  if (sample.location) stored.location = sample.location;
  if (sample.context) stored.context = sample.context;
  return stored;
}

function toSample(row: SampleRow): MeterSample {
  const sample: MeterSample = {
    at: Math.round(Number(row.at)),
    measurand: row.measurand,
    value: Number(row.value),
    unit: row.unit,
  };
  if (row.phase) sample.phase = row.phase;
  if (row.location) sample.location = row.location;
  if (row.context) sample.context = row.context;
  return sample;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

const COLUMNS = [
  'session_id',
  'station_id',
  'connector_id',
  'transaction_id',
  'status',
  'started_at',
  'ended_at',
  'energy_wh',
  'revision',
  'closed_by',
  'close_due_at',
  'last_updated',
  'state',
  'ocpi_session',
]
  .map((c) => `"${c}"`)
  .join(', ');

const COLUMN_TYPES = `session_id uuid, station_id text, connector_id int, transaction_id text,
  status text, started_at timestamptz, ended_at timestamptz, energy_wh bigint, revision int,
  closed_by text, close_due_at timestamptz, last_updated timestamptz, state jsonb,
  ocpi_session jsonb`;

/** Rows as one JSON document: cheaper than pg's array literals for JSON-heavy rows. */
function rowsJson(sessions: readonly StoredSession[]): string {
  return JSON.stringify(
    sessions.map((s) => ({
      session_id: s.state.start.sessionId,
      station_id: s.state.start.stationId,
      connector_id: s.state.start.connectorId,
      transaction_id: s.state.start.transactionId,
      status: s.state.status,
      started_at: iso(s.state.start.startedAt),
      ended_at: iso(s.state.endedAt),
      energy_wh: s.state.meter.energyWh,
      revision: s.state.revision,
      closed_by: s.state.closedBy ?? null,
      close_due_at: iso(s.closeDueAt),
      last_updated: iso(s.state.lastUpdated),
      state: s.state,
      ocpi_session: s.ocpiSession,
    })),
  );
}

function startTraceContext(): string | null {
  const headers = traceHeadersOf();
  return Object.keys(headers).length > 0 ? JSON.stringify(headers) : null;
}
