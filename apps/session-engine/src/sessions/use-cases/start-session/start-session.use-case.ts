import { Injectable } from '@nestjs/common';
import type { TransactionStartedV1 } from '@voltlane/contracts-events';
import {
  type ChargingSessionState,
  catchUpOvertaken,
  markStale,
  startSession,
  type StopReasonName,
} from '../../domain/charging-session';
import { authorizationOfIdTag } from '../../domain/known-token';
import { activatePending } from '../../domain/remote-start';
import { sessionIdOf } from '../../domain/session-id';
import type { LifecycleTx } from '../lifecycle-tx';
import { SessionEvents } from '../session-events';
import { resolvePlace } from '../session-places';
import type { EventCause, SessionTx } from '../session-tx';

/**
 * StartTransaction → a new ACTIVE session (idempotent: a replayed start finds its session and does
 * nothing). A PENDING remote start waiting for this station (+connector, idTag) becomes this
 * session: same OCPI id, its token and authorization, a higher revision (ADR 0032); otherwise the
 * idTag's token from `token.token.upserted`, when known, names the eMSP and contract. The place is
 * the station's mapped OCPI connector with the location as of the start (CdrLocation snapshot).
 * Meter values and a stop that overtook the start are applied right away; an older active session
 * on the same connector becomes suspect (stale-transaction policy).
 */
@Injectable()
export class StartSessionUseCase {
  constructor(private readonly events: SessionEvents) {}

  async execute(command: TransactionStartedV1, tx: LifecycleTx, cause?: EventCause): Promise<void> {
    const sessionId = sessionIdOf(command.stationId, command.transactionId);
    await tx.store.lockSessionKeys([sessionId]);
    if ((await tx.store.lockByIds([sessionId])).length > 0) return; // duplicate start
    const startedAt = Date.parse(command.timestamp);
    const { stationId, connectorId, idTag } = command;
    await tx.places.lockStations([stationId]); // vs. a location update placing sessions
    const pending = await tx.remoteStarts.lockMatching({ stationId, connectorId, idTag });
    const place = await resolvePlace(
      tx.places,
      stationId,
      connectorId,
      startedAt,
      pending?.request.requestedPlace,
    );
    // Not a remote start: the idTag's OCPI token (eMSP, contract id), when known (ADR 0032).
    const authorization = pending
      ? pending.request.authorization
      : authorizationOfIdTag(idTag, await tx.tokens.findByIdTag(idTag));
    let state = startSession(
      {
        sessionId,
        stationId,
        connectorId,
        transactionId: command.transactionId,
        idTag,
        idTagStatus: command.idTagStatus,
        meterStartWh: command.meterStartWh,
        startedAt,
        ...(place ? { place } : {}),
        ...(authorization ? { authorization } : {}),
        ...(pending
          ? { ocpiSessionId: pending.sessionId, commandId: pending.request.commandId }
          : {}),
      },
      tx.now,
    );
    const activated = pending && activatePending(pending, sessionId, startedAt, tx.now).state;
    if (activated) state = { ...state, revision: activated.revision };
    const initial = this.events.stored(state);
    if (!(await tx.store.insert(initial))) return; // duplicate start (not under the lock above)
    if (activated)
      await tx.remoteStarts.save({ state: activated, ocpiSession: initial.ocpiSession });
    this.events.started(tx, initial, cause);

    await this.suspectOlderSessions(tx, state);

    // Meter values and a stop that overtook the start are applied now (one new revision).
    const early = await tx.store.loadSamples(sessionId);
    const stop = await tx.store.takeEarlyStop(sessionId);
    const caughtUp = catchUpOvertaken(
      state,
      early,
      stop && { at: stop.at, meterStopWh: stop.meterStopWh, reason: stop.reason as StopReasonName },
      tx.now,
    );
    if (caughtUp.changed) {
      const s = this.events.stored(caughtUp.state);
      await tx.store.saveAll([s]);
      this.events.updated(tx, s, cause);
    }
  }

  private async suspectOlderSessions(tx: SessionTx, started: ChargingSessionState): Promise<void> {
    const { stationId, connectorId, sessionId, startedAt } = started.start;
    const others = (await tx.store.lockActiveOnConnectors([{ stationId, connectorId }])).filter(
      (s) => s.start.sessionId !== sessionId && s.start.startedAt < startedAt,
    );
    const marked = others
      .map((s) => markStale(s, 'NEW_TRANSACTION', startedAt, tx.now).state)
      .filter((s, i) => s.staleCause !== others[i].staleCause);
    await tx.store.saveAll(marked.map((s) => this.events.stored(s)));
  }
}
