import { Injectable } from '@nestjs/common';
import type { TransactionStoppedV1 } from '@voltlane/contracts-events';
import {
  completeSession,
  rebuildSession,
  receiveStop,
  recordSamples,
} from '../../domain/charging-session';
import { sessionIdOf } from '../../domain/session-id';
import { SessionEngineSettings } from '../../session-engine.settings';
import { toMeterSamples } from '../sampled-values';
import { SessionEvents } from '../session-events';
import type { EventCause, SessionTx } from '../session-tx';

/**
 * StopTransaction: `transactionData` (samples buffered offline) is recorded, the stop is held for
 * the settle delay (the sweeper completes the session; with no delay it completes at once). A
 * duplicate stop changes nothing; a stop that overtook its start is kept until the start arrives.
 */
@Injectable()
export class StopSessionUseCase {
  constructor(
    private readonly events: SessionEvents,
    private readonly settings: SessionEngineSettings,
  ) {}

  async execute(command: TransactionStoppedV1, tx: SessionTx, cause?: EventCause): Promise<void> {
    const sessionId = sessionIdOf(command.stationId, command.transactionId);
    await tx.store.lockSessionKeys([sessionId]);
    const fresh = await tx.store.insertSamples(
      toMeterSamples(command.transactionData).map((sample) => ({ sessionId, sample })),
    );
    const [state] = await tx.store.lockByIds([sessionId]);
    const stop = {
      at: Date.parse(command.timestamp),
      meterStopWh: command.meterStopWh,
      reason: command.reason,
    };
    if (!state) {
      await tx.store.saveEarlyStop({
        sessionId,
        stationId: command.stationId,
        transactionId: command.transactionId,
        ...stop,
      });
      return;
    }
    // The stop first: samples newer than it are ignored from then on.
    let current = receiveStop(state, stop, tx.now).state;
    const recorded = recordSamples(current, fresh.get(sessionId) ?? [], tx.now);
    current = recorded.needsRebuild
      ? rebuildSession(current, await tx.store.loadSamples(sessionId), tx.now)
      : recorded.state;
    if (this.settings.completionDelayMs === 0) {
      const done = completeSession(current, tx.now);
      current = done.state;
      if (done.changed) {
        const s = this.events.stored(current);
        await tx.store.saveAll([s]);
        this.events.completed(tx, s, cause);
        return;
      }
    }
    if (current !== state) await tx.store.saveAll([this.events.stored(current)]);
  }
}
