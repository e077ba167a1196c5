import { Injectable } from '@nestjs/common';
import {
  type ChargingSessionState,
  markStale,
  type StaleCause,
} from '../../domain/charging-session';
import { SessionEvents } from '../session-events';
import type { SessionTx } from '../session-tx';

export interface StaleSignal {
  stationId: string;
  /** Absent: every connector of the station (a boot). */
  connectorId?: number;
  cause: StaleCause;
  /** epoch ms of the observation (boot time, status time). */
  observedAt: number;
}

/**
 * Stale-transaction policy, first step: a station boot, or a connector reported Available, makes
 * the active sessions there suspect. They are closed by CloseStaleSessionsUseCase once the grace
 * period has passed without a StopTransaction (a replayed stop after a reconnect still wins).
 */
@Injectable()
export class MarkStaleSessionsUseCase {
  constructor(private readonly events: SessionEvents) {}

  async execute(signals: readonly StaleSignal[], tx: SessionTx): Promise<number> {
    if (signals.length === 0) return 0;
    const stations = signals.filter((s) => s.connectorId === undefined);
    const connectors = signals.filter((s) => s.connectorId !== undefined);
    const candidates = new Map<string, ChargingSessionState>();
    for (const s of await tx.store.lockActiveOnStations(stations.map((x) => x.stationId))) {
      candidates.set(s.start.sessionId, s);
    }
    const onConnectors = await tx.store.lockActiveOnConnectors(
      connectors.map((x) => ({ stationId: x.stationId, connectorId: x.connectorId as number })),
    );
    for (const s of onConnectors) candidates.set(s.start.sessionId, s);

    const marked: ChargingSessionState[] = [];
    for (const state of candidates.values()) {
      let next = state;
      for (const signal of signals) {
        if (signal.stationId !== state.start.stationId) continue;
        if (signal.connectorId !== undefined && signal.connectorId !== state.start.connectorId) {
          continue;
        }
        next = markStale(next, signal.cause, signal.observedAt, tx.now).state;
      }
      if (next !== state) marked.push(next);
    }
    await tx.store.saveAll(marked.map((s) => this.events.stored(s)));
    return marked.length;
  }
}
