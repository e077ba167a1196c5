import { Injectable } from '@nestjs/common';
import type { MeterValuesReceivedV1 } from '@voltlane/contracts-events';
import {
  type ChargingSessionState,
  rebuildSession,
  recordSamples,
} from '../../domain/charging-session';
import type { MeterSample } from '../../domain/meter-sample';
import { sessionIdOf } from '../../domain/session-id';
import type { StoredSession } from '../../persistence/charging-session.store';
import { toMeterSamples } from '../sampled-values';
import { SessionEngineSettings } from '../../session-engine.settings';
import { SessionEvents } from '../session-events';
import type { EventCause, SessionTx } from '../session-tx';

export interface MeterValuesCommand {
  data: MeterValuesReceivedV1;
  cause: EventCause;
}

export interface RecordMeterValuesResult {
  /** Events whose samples could not be attributed to a transaction (no transactionId, no open session). */
  unmatched: number;
  /** Sessions updated (one `updated` event each). */
  updatedSessions: number;
}

/**
 * MeterValues, set-based over a chunk of events: all samples are inserted in one statement (a
 * replayed sample is skipped by its key), the touched sessions are loaded and saved once each, and
 * each changed session publishes at most one `session.charging-session.updated` for the whole
 * chunk, and no more often than SESSION_UPDATE_MIN_INTERVAL_MS.
 * Samples of a transaction whose start has not been consumed yet are kept and applied at its start.
 */
@Injectable()
export class RecordMeterValuesUseCase {
  constructor(
    private readonly events: SessionEvents,
    private readonly settings: SessionEngineSettings,
  ) {}

  async execute(
    commands: readonly MeterValuesCommand[],
    tx: SessionTx,
  ): Promise<RecordMeterValuesResult> {
    let unmatched = 0;
    // Values without a transactionId belong to the open session on their connector, if any.
    const byConnector = commands.filter((c) => !c.data.transactionId && c.data.connectorId > 0);
    // Looked up without row locks: locks are taken below in one order (session keys, then rows).
    const open = await tx.store.findActiveIdsOnConnectors(
      byConnector.map((c) => ({ stationId: c.data.stationId, connectorId: c.data.connectorId })),
    );
    const openOn = new Map(open.map((s) => [`${s.stationId}|${s.connectorId}`, s.sessionId]));

    const rows: { sessionId: string; sample: MeterSample }[] = [];
    const causeOf = new Map<string, EventCause>();
    for (const c of commands) {
      const sessionId = c.data.transactionId
        ? sessionIdOf(c.data.stationId, c.data.transactionId)
        : openOn.get(`${c.data.stationId}|${c.data.connectorId}`);
      if (!sessionId) {
        unmatched += 1;
        continue;
      }
      causeOf.set(sessionId, c.cause);
      for (const sample of toMeterSamples(c.data.sampledValues)) rows.push({ sessionId, sample });
    }
    const sessionIds = [...causeOf.keys()];
    await tx.store.lockSessionKeys(sessionIds);
    const fresh = await tx.store.insertSamples(rows);
    const sessions = await tx.store.lockByIds([...fresh.keys()]);

    const changed: { s: StoredSession; cause: EventCause }[] = [];
    const silent: StoredSession[] = [];
    for (const state of sessions) {
      const id = state.start.sessionId;
      const next = await this.apply(state, fresh.get(id) ?? [], tx);
      const due =
        tx.now - (next.state.lastUpdatePublishedAt ?? 0) >= this.settings.updateMinIntervalMs;
      if (next.changed && due) {
        const published = { ...next.state, lastUpdatePublishedAt: tx.now };
        changed.push({ s: this.events.stored(published), cause: causeOf.get(id)! });
      } else if (next.state !== state) {
        silent.push(this.events.stored(next.state));
      }
    }
    await tx.store.saveAll([...changed.map((c) => c.s), ...silent]);
    for (const c of changed) this.events.updated(tx, c.s, c.cause);
    return { unmatched, updatedSessions: changed.length };
  }

  private async apply(
    state: ChargingSessionState,
    samples: MeterSample[],
    tx: SessionTx,
  ): Promise<{ state: ChargingSessionState; changed: boolean }> {
    const r = recordSamples(state, samples, tx.now);
    if (!r.needsRebuild) return r;
    const all = await tx.store.loadSamples(state.start.sessionId);
    return { state: rebuildSession(state, all, tx.now), changed: true };
  }
}
