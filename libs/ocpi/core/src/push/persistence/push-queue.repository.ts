import { traceHeadersOf } from '@voltlane/platform-core';
import { assertSchemaName } from '@voltlane/platform-persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { PushItem, PushMethod, PushStatus, QueuedPush } from '../push.types';
import { ocpiPushChannel } from './push-tables.sql';

interface QueueRow {
  id: string;
  partner_id: string;
  module: string;
  object_key: string;
  method: PushMethod;
  path: string | null;
  url?: string | null;
  body: unknown;
  last_updated: Date | null;
  correlation_id: string | null;
  trace_headers: Record<string, string> | null;
  to_country_code: string | null;
  to_party_id: string | null;
  attempts: number;
  created_at: Date;
}

/** An attempt's result as stored on the row. */
export interface AttemptRecord {
  httpStatus?: number;
  ocpiStatus?: number;
  error?: string;
  location?: string | null;
}

/** Per-partner state for the operator view. */
export interface PartnerPushSummary {
  partner_id: string;
  pending: number;
  /** Items in trouble: failed (waiting for an operator) plus pending ones being retried. */
  failing: number;
  oldest_pending_age_s: number | null;
  last_error: string | null;
  last_error_at: string | null;
}

export interface PushItemView {
  id: string;
  partner_id: string;
  module: string;
  object_key: string;
  method: PushMethod;
  path: string | null;
  status: PushStatus;
  attempts: number;
  last_updated: string | null;
  next_attempt_at: string | null;
  in_flight: boolean;
  last_error: string | null;
  last_error_at: string | null;
  last_http_status: number | null;
  last_ocpi_status: number | null;
  response_location: string | null;
  superseded_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export type RetryRefusal = 'not_found' | 'not_failed' | 'newer_delivered' | 'newer_in_flight';

const MAX_ERROR_LENGTH = 2_000;

/**
 * SQL of the push queue (the only code that touches `ocpi_push_queue`). Raw SQL on the service's
 * DataSource: the statements (SKIP LOCKED claims, advisory locks, conditional completions) are the
 * point, an entity mapping would hide them.
 */
export class PushQueueRepository {
  readonly table: string;
  private readonly lockPrefix: string;

  constructor(readonly schema: string) {
    this.table = `"${assertSchemaName(schema)}"."ocpi_push_queue"`;
    this.lockPrefix = `voltlane-ocpi-push:${schema}:`;
  }

  /**
   * Inserts in the caller's transaction. Writers of the same (partner, object) are serialized by a
   * transaction-scoped advisory lock taken before the insert, so ids (the delivery order) follow
   * commit order per object, as in OutboxWriter. Returns the new ids in item order.
   */
  async insert(manager: EntityManager, items: PushItem[]): Promise<string[]> {
    // the active trace (e.g. the consumer span of the event that caused the push) continues at
    // delivery, so one trace follows a StartTransaction to the OCPI push at the partner
    const captured = traceHeadersOf();
    const traceHeaders = Object.keys(captured).length > 0 ? JSON.stringify(captured) : null;
    // length-prefixed: no (partner, object) pair can spell another pair's lock name
    const keys = items.map((i) => `${i.partnerId.length}:${i.partnerId}:${i.objectKey}`);
    await manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended($2 || x, 0) AS k FROM unnest($1::text[]) AS x ORDER BY 1
       ) AS locks`,
      [keys, this.lockPrefix],
    );
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO ${this.table} ("partner_id", "module", "object_key", "method", "path", "body",
         "last_updated", "replaces_pending", "correlation_id", "to_country_code", "to_party_id", "url",
         "trace_headers")
       SELECT t.p, t.m, t.k, t.meth, t.path, t.body, t.lu, t.rp, t.c, t.tc, t.tp, t.u, t.th
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
         $7::timestamptz[], $8::boolean[], $9::text[], $10::text[], $11::text[], $12::text[],
         $13::jsonb[])
         WITH ORDINALITY AS t(p, m, k, meth, path, body, lu, rp, c, tc, tp, u, th, ord)
       ORDER BY t.ord
       RETURNING "id"`,
      [
        items.map((i) => i.partnerId),
        items.map((i) => i.module),
        items.map((i) => i.objectKey),
        items.map((i) => i.method),
        items.map((i) => i.path ?? null),
        items.map((i) => (i.body === undefined ? null : JSON.stringify(i.body))),
        items.map((i) => i.lastUpdated ?? null),
        items.map((i) => i.replacesPending === true),
        items.map((i) => i.correlationId ?? null),
        items.map((i) => i.to?.countryCode ?? null),
        items.map((i) => i.to?.partyId ?? null),
        items.map((i) => i.url ?? null),
        items.map(() => traceHeaders),
      ],
    );
    // INSERT … SELECT … ORDER BY assigns serial ids in that order; RETURNING order is not
    // guaranteed, so sort numerically.
    const ids = rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!item.replacesPending) continue;
      await manager.query(
        `UPDATE ${this.table}
         SET "status" = 'superseded', "superseded_by" = $3, "finished_at" = clock_timestamp(),
             "lease_owner" = NULL, "lease_until" = NULL
         WHERE "partner_id" = $1 AND "object_key" = $2 AND "id" < $3 AND "method" <> 'POST'
           AND ("status" = 'failed'
             OR ("status" = 'pending' AND ("lease_until" IS NULL OR "lease_until" < clock_timestamp())))`,
        [item.partnerId, item.objectKey, ids[i]],
      );
    }
    return ids;
  }

  /**
   * Leases up to `limit` due items for `owner`: each is the head (lowest pending id) of its
   * (partner, object), not leased by anyone with a live lease, and its retry time has come. Rows
   * another claimer is locking right now are skipped (SKIP LOCKED), and a head another claimer is
   * leasing keeps its followers out (the NOT EXISTS sees it pending), so no two workers, in this
   * process or another replica, ever send items of one object at the same time.
   */
  async claim(
    ds: DataSource,
    owner: string,
    limit: number,
    leaseMs: number,
  ): Promise<QueuedPush[]> {
    const result: unknown[] = await ds.query(
      `WITH due AS (
         SELECT c."id" FROM ${this.table} c
         WHERE c."status" = 'pending' AND c."next_attempt_at" <= clock_timestamp()
           AND (c."lease_until" IS NULL OR c."lease_until" < clock_timestamp())
           AND NOT EXISTS (
             SELECT 1 FROM ${this.table} o
             WHERE o."status" = 'pending' AND o."partner_id" = c."partner_id"
               AND o."object_key" = c."object_key" AND o."id" < c."id")
         ORDER BY c."id"
         LIMIT $2
         FOR UPDATE OF c SKIP LOCKED
       )
       UPDATE ${this.table} q
       SET "lease_owner" = $1, "lease_until" = clock_timestamp() + $3 * interval '1 millisecond'
       FROM due WHERE q."id" = due."id"
       RETURNING q."id", q."partner_id", q."module", q."object_key", q."method", q."path", q."url", q."body",
         q."last_updated", q."correlation_id", q."trace_headers", q."to_country_code", q."to_party_id", q."attempts",
         q."created_at"`,
      [owner, limit, leaseMs],
    );
    return returnedRows<QueueRow>(result)
      .map(toQueued)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Marks a leased item delivered; false when `owner` no longer holds it (lease lost). */
  async markDelivered(
    manager: EntityManager | DataSource,
    id: string,
    owner: string,
    attempt: AttemptRecord,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE ${this.table}
       SET "status" = 'delivered', "finished_at" = clock_timestamp(), "attempts" = "attempts" + 1,
           "lease_owner" = NULL, "lease_until" = NULL, "last_http_status" = $3,
           "last_ocpi_status" = $4, "response_location" = $5
       WHERE "id" = $1 AND "lease_owner" = $2 AND "status" = 'pending'
       RETURNING "id"`,
      [id, owner, attempt.httpStatus ?? null, attempt.ocpiStatus ?? null, attempt.location ?? null],
    );
    return rowCount(rows) === 1;
  }

  /**
   * Marks a leased item delivered and, in the same statement, leases the next item of the same
   * object for `owner` if it is due and free, so a worker can go on with that object without a
   * claim round trip. The next item is taken only if it is the lowest pending id after this one
   * (a row locked by someone else is not skipped over). `recorded` is false when `owner` no longer
   * held the item.
   */
  async markDeliveredAndLeaseNext(
    manager: EntityManager | DataSource,
    id: string,
    owner: string,
    attempt: AttemptRecord,
    leaseMs: number,
  ): Promise<{ recorded: boolean; next: QueuedPush | null }> {
    const rows: (Partial<QueueRow> & { recorded: string })[] = await manager.query(
      `WITH done AS (
         UPDATE ${this.table}
         SET "status" = 'delivered', "finished_at" = clock_timestamp(), "attempts" = "attempts" + 1,
             "lease_owner" = NULL, "lease_until" = NULL, "last_http_status" = $3,
             "last_ocpi_status" = $4, "response_location" = $5
         WHERE "id" = $1 AND "lease_owner" = $2 AND "status" = 'pending'
         RETURNING "partner_id", "object_key"
       ), nxt AS (
         SELECT n."id" FROM ${this.table} n JOIN done
           ON n."partner_id" = done."partner_id" AND n."object_key" = done."object_key"
         WHERE n."status" = 'pending' AND n."id" > $1 AND n."next_attempt_at" <= clock_timestamp()
           AND (n."lease_until" IS NULL OR n."lease_until" < clock_timestamp())
           AND NOT EXISTS (
             SELECT 1 FROM ${this.table} o
             WHERE o."status" = 'pending' AND o."partner_id" = n."partner_id"
               AND o."object_key" = n."object_key" AND o."id" > $1 AND o."id" < n."id")
         ORDER BY n."id"
         LIMIT 1
         FOR UPDATE OF n SKIP LOCKED
       ), leased AS (
         UPDATE ${this.table} q
         SET "lease_owner" = $2, "lease_until" = clock_timestamp() + $6 * interval '1 millisecond'
         FROM nxt WHERE q."id" = nxt."id"
         RETURNING q."id", q."partner_id", q."module", q."object_key", q."method", q."path", q."url", q."body",
           q."last_updated", q."correlation_id", q."trace_headers", q."to_country_code", q."to_party_id",
           q."attempts", q."created_at"
       )
       SELECT (SELECT count(*) FROM done) AS recorded, leased.*
       FROM (SELECT 1) AS one LEFT JOIN leased ON TRUE`,
      [
        id,
        owner,
        attempt.httpStatus ?? null,
        attempt.ocpiStatus ?? null,
        attempt.location ?? null,
        leaseMs,
      ],
    );
    const row = rows[0];
    return {
      recorded: Number(row.recorded) === 1,
      next: row.id === null || row.id === undefined ? null : toQueued(row as QueueRow),
    };
  }

  /** Gives a leased item back without an attempt (a stopping worker that leased it ahead). */
  async releaseLease(ds: DataSource, id: string, owner: string): Promise<void> {
    await ds.query(
      `UPDATE ${this.table} SET "lease_owner" = NULL, "lease_until" = NULL
       WHERE "id" = $1 AND "lease_owner" = $2 AND "status" = 'pending'`,
      [id, owner],
    );
  }

  /** Puts a leased item back with its next attempt `delayMs` from now. */
  async markRetry(
    ds: DataSource,
    id: string,
    owner: string,
    attempt: AttemptRecord,
    delayMs: number,
  ): Promise<boolean> {
    const rows: unknown[] = await ds.query(
      `UPDATE ${this.table}
       SET "attempts" = "attempts" + 1, "lease_owner" = NULL, "lease_until" = NULL,
           "next_attempt_at" = clock_timestamp() + $3 * interval '1 millisecond',
           "last_error" = $4, "last_error_at" = clock_timestamp(), "last_http_status" = $5,
           "last_ocpi_status" = $6
       WHERE "id" = $1 AND "lease_owner" = $2 AND "status" = 'pending'
       RETURNING "id"`,
      [
        id,
        owner,
        Math.max(0, Math.round(delayMs)),
        truncate(attempt.error),
        attempt.httpStatus ?? null,
        attempt.ocpiStatus ?? null,
      ],
    );
    return rowCount(rows) === 1;
  }

  /** Marks a leased item failed (permanent): the next item of its object may proceed. */
  async markFailed(
    ds: DataSource,
    id: string,
    owner: string,
    attempt: AttemptRecord,
  ): Promise<boolean> {
    const rows: unknown[] = await ds.query(
      `UPDATE ${this.table}
       SET "status" = 'failed', "finished_at" = clock_timestamp(), "attempts" = "attempts" + 1,
           "lease_owner" = NULL, "lease_until" = NULL,
           "last_error" = $3, "last_error_at" = clock_timestamp(), "last_http_status" = $4,
           "last_ocpi_status" = $5
       WHERE "id" = $1 AND "lease_owner" = $2 AND "status" = 'pending'
       RETURNING "id"`,
      [id, owner, truncate(attempt.error), attempt.httpStatus ?? null, attempt.ocpiStatus ?? null],
    );
    return rowCount(rows) === 1;
  }

  /**
   * An operator's retry of a failed item: back to pending, due now, in its original place in the
   * object's order. Refused when a newer item of the same object was delivered since (sending the
   * old one now would overwrite newer data at the partner: re-push the object instead) or is being
   * sent right now (it would overtake it).
   */
  async retry(
    ds: DataSource,
    id: string,
  ): Promise<{ ok: true } | { ok: false; reason: RetryRefusal }> {
    return ds.transaction(async (m) => {
      const found: { status: PushStatus; partner_id: string; object_key: string }[] = await m.query(
        `SELECT "status", "partner_id", "object_key" FROM ${this.table} WHERE "id" = $1 FOR UPDATE`,
        [id],
      );
      if (found.length === 0) return { ok: false, reason: 'not_found' as const };
      const row = found[0];
      if (row.status !== 'failed') return { ok: false, reason: 'not_failed' as const };
      // Locks the object's newer pending rows: a concurrent claim skips them (SKIP LOCKED) until
      // this commits, and then sees this row pending again, so none of them overtakes it. A row a
      // claim already leased is seen here (after that claim committed) as in flight.
      const later: { status: PushStatus; in_flight: boolean }[] = await m.query(
        `SELECT "status", ("status" = 'pending' AND "lease_until" > clock_timestamp()) AS in_flight
         FROM ${this.table}
         WHERE "partner_id" = $1 AND "object_key" = $2 AND "id" > $3
           AND "status" IN ('pending', 'delivered')
         FOR UPDATE`,
        [row.partner_id, row.object_key, id],
      );
      if (later.some((r) => r.status === 'delivered')) {
        return { ok: false, reason: 'newer_delivered' as const };
      }
      if (later.some((r) => r.in_flight === true)) {
        return { ok: false, reason: 'newer_in_flight' as const };
      }
      await m.query(
        `UPDATE ${this.table}
         SET "status" = 'pending', "finished_at" = NULL, "next_attempt_at" = clock_timestamp(),
             "attempts" = 0, "lease_owner" = NULL, "lease_until" = NULL
         WHERE "id" = $1`,
        [id],
      );
      await m.query('SELECT pg_notify($1, $2)', [ocpiPushChannel(this.schema), '']);
      return { ok: true as const };
    });
  }

  /** Deletes finished rows older than their retention, a bounded batch at a time. */
  async purge(
    ds: DataSource,
    deliveredRetentionMs: number,
    failedRetentionMs: number,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const rows: unknown[] = await ds.query(
        `DELETE FROM ${this.table} WHERE "id" IN (
           SELECT "id" FROM ${this.table}
           WHERE ("status" IN ('delivered', 'superseded')
                  AND "finished_at" < clock_timestamp() - $1 * interval '1 millisecond')
              OR ("status" = 'failed'
                  AND "finished_at" < clock_timestamp() - $2 * interval '1 millisecond')
           LIMIT 1000)
         RETURNING "id"`,
        [deliveredRetentionMs, failedRetentionMs],
      );
      const n = rowCount(rows);
      total += n;
      if (n < 1000) return total;
    }
  }

  async summary(ds: DataSource): Promise<PartnerPushSummary[]> {
    const rows: {
      partner_id: string;
      pending: string;
      failing: string;
      age: number | null;
      last_error: string | null;
      last_error_at: Date | null;
    }[] = await ds.query(
      `SELECT "partner_id",
         count(*) FILTER (WHERE "status" = 'pending') AS pending,
         count(*) FILTER (WHERE "status" = 'failed' OR ("status" = 'pending' AND "attempts" > 0))
           AS failing,
         EXTRACT(EPOCH FROM clock_timestamp() - min("created_at") FILTER (WHERE "status" = 'pending'))::float8
           AS age,
         (array_agg("last_error" ORDER BY "last_error_at" DESC)
           FILTER (WHERE "last_error_at" IS NOT NULL))[1] AS last_error,
         max("last_error_at") AS last_error_at
       FROM ${this.table}
       GROUP BY "partner_id"
       ORDER BY "partner_id"`,
    );
    return rows.map((r) => ({
      partner_id: r.partner_id,
      pending: Number(r.pending),
      failing: Number(r.failing),
      oldest_pending_age_s: r.age === null ? null : Math.round(r.age * 10) / 10,
      last_error: r.last_error,
      last_error_at: r.last_error_at ? new Date(r.last_error_at).toISOString() : null,
    }));
  }

  /** Pending items and the age of the oldest one per partner (metrics). */
  async pendingByPartner(
    ds: DataSource,
  ): Promise<{ partnerId: string; pending: number; age: number }[]> {
    const rows: { partner_id: string; pending: string; age: number }[] = await ds.query(
      `SELECT "partner_id", count(*) AS pending,
         EXTRACT(EPOCH FROM clock_timestamp() - min("created_at"))::float8 AS age
       FROM ${this.table} WHERE "status" = 'pending' GROUP BY "partner_id"`,
    );
    return rows.map((r) => ({ partnerId: r.partner_id, pending: Number(r.pending), age: r.age }));
  }

  async list(
    ds: DataSource,
    filter: { partnerId?: string; status?: PushStatus; offset: number; limit: number },
  ): Promise<{ items: PushItemView[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR "partner_id" = $1) AND ($2::text IS NULL OR "status" = $2)`;
    const params = [filter.partnerId ?? null, filter.status ?? null];
    const [count, rows] = await Promise.all([
      ds.query(`SELECT count(*) AS n FROM ${this.table} ${where}`, params) as Promise<
        { n: string }[]
      >,
      ds.query(
        `SELECT "id", "partner_id", "module", "object_key", "method", "path", "status", "attempts",
           "last_updated", "next_attempt_at", ("lease_until" > clock_timestamp()) AS in_flight,
           "last_error", "last_error_at", "last_http_status", "last_ocpi_status",
           "response_location", "superseded_by", "created_at", "finished_at"
         FROM ${this.table} ${where}
         ORDER BY "id" DESC OFFSET $3 LIMIT $4`,
        [...params, filter.offset, filter.limit],
      ) as Promise<Record<string, unknown>[]>,
    ]);
    return {
      total: Number(count[0].n),
      items: rows.map((r) => ({
        id: String(r.id),
        partner_id: r.partner_id as string,
        module: r.module as string,
        object_key: r.object_key as string,
        method: r.method as PushMethod,
        path: r.path as string | null,
        status: r.status as PushStatus,
        attempts: r.attempts as number,
        last_updated: iso(r.last_updated),
        next_attempt_at: r.status === 'pending' ? iso(r.next_attempt_at) : null,
        in_flight: r.in_flight === true,
        last_error: r.last_error as string | null,
        last_error_at: iso(r.last_error_at),
        last_http_status: r.last_http_status as number | null,
        last_ocpi_status: r.last_ocpi_status as number | null,
        response_location: r.response_location as string | null,
        superseded_by: r.superseded_by === null ? null : String(r.superseded_by),
        created_at: iso(r.created_at) ?? '',
        finished_at: iso(r.finished_at),
      })),
    };
  }
}

/** TypeORM returns `[rows, count]` for UPDATE/DELETE … RETURNING on postgres, rows otherwise. */
function returnedRows<T>(result: unknown[]): T[] {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

function rowCount(result: unknown[]): number {
  return returnedRows(result).length;
}

function toQueued(r: QueueRow): QueuedPush {
  return {
    id: String(r.id),
    partnerId: r.partner_id,
    module: r.module,
    objectKey: r.object_key,
    method: r.method,
    path: r.path,
    url: r.url ?? null,
    body: r.body,
    lastUpdated: r.last_updated ? new Date(r.last_updated).toISOString() : null,
    correlationId: r.correlation_id,
    traceHeaders: r.trace_headers ?? null,
    to:
      r.to_country_code && r.to_party_id
        ? { countryCode: r.to_country_code, partyId: r.to_party_id }
        : null,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
  };
}

function truncate(error: string | undefined): string | null {
  if (error === undefined) return null;
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error;
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string | Date).toISOString();
}
