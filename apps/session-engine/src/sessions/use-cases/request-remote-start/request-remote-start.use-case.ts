import { Injectable } from '@nestjs/common';
import type { CommandRequestedV1 } from '@voltlane/contracts-events';
import type { ChargingSessionState } from '../../domain/charging-session';
import {
  activatePending,
  applyCommandResult,
  openPendingSession,
  type PendingSession,
  type RemoteStartRequest,
} from '../../domain/remote-start';
import {
  fallbackPlace,
  type RequestedPlace,
  type SessionAuthorization,
} from '../../domain/session-place';
import { SessionEngineSettings } from '../../session-engine.settings';
import type { LifecycleTx } from '../lifecycle-tx';
import { PendingSessionEvents } from '../pending-session-events';
import { SessionEvents } from '../session-events';
import { resolvePlace } from '../session-places';
import type { EventCause } from '../session-tx';

/** A StartTransaction up to this long before the command (station clocks drift) may be its start. */
const START_BEFORE_COMMAND_TOLERANCE_MS = 60_000;

/**
 * `ocpp.command.requested` of a RemoteStartTransaction → an OCPI Session in status PENDING
 * (published), waiting for the station's StartTransaction (StartSessionUseCase activates it). When
 * the start overtook the command (it travels on another topic), the running session is linked
 * instead: it gets the remote start's token and authorization and no PENDING session is published.
 */
@Injectable()
export class RequestRemoteStartUseCase {
  constructor(
    private readonly pendingEvents: PendingSessionEvents,
    private readonly sessionEvents: SessionEvents,
    private readonly settings: SessionEngineSettings,
  ) {}

  async execute(data: CommandRequestedV1, tx: LifecycleTx, cause?: EventCause): Promise<void> {
    const request = this.toRequest(data);
    if (!request) return;
    const requestedAt = Date.parse(data.requestedAt);
    const place =
      (await resolvePlace(
        tx.places,
        request.stationId,
        request.connectorId,
        tx.now,
        request.requestedPlace,
      )) ?? fallbackPlace(request.stationId, request.connectorId);
    let pending = openPendingSession(request, place, tx.now, this.settings.remoteStartWindowMs);

    const started = await this.startedAlready(tx, request, requestedAt);
    if (started) {
      pending = activatePending(
        pending,
        started.start.sessionId,
        started.start.startedAt,
        tx.now,
      ).state;
      if (!(await tx.remoteStarts.insert(this.pendingEvents.stored(pending)))) return;
      await tx.remoteStarts.takeEarlyResult(request.commandId); // moot: the station started
      const linked: ChargingSessionState = {
        ...started,
        start: {
          ...started.start,
          authorization: request.authorization,
          commandId: request.commandId,
        },
        revision: started.revision + 1,
        lastUpdated: tx.now,
      };
      const s = this.sessionEvents.stored(linked);
      await tx.store.saveAll([s]);
      this.sessionEvents.updated(tx, s, cause);
      return;
    }

    const opened = this.pendingEvents.stored(pending);
    if (!(await tx.remoteStarts.insert(opened))) return; // the same command again
    this.pendingEvents.pending(tx, opened, cause);
    const early = await tx.remoteStarts.takeEarlyResult(request.commandId);
    if (early) await this.applyEarlyResult(tx, pending, early, cause);
  }

  private async applyEarlyResult(
    tx: LifecycleTx,
    pending: PendingSession,
    result: Parameters<typeof applyCommandResult>[1],
    cause?: EventCause,
  ): Promise<void> {
    const t = applyCommandResult(pending, result, tx.now);
    if (t.state === pending) return;
    const stored = this.pendingEvents.stored(t.state);
    await tx.remoteStarts.save(stored);
    if (t.changed) this.pendingEvents.invalidated(tx, stored, cause);
  }

  /** An ACTIVE session of this tag on this station that started around the command, not linked. */
  private async startedAlready(
    tx: LifecycleTx,
    request: RemoteStartRequest,
    requestedAt: number,
  ): Promise<ChargingSessionState | undefined> {
    const active = await tx.store.lockActiveOnStations([request.stationId]);
    return active
      .filter(
        (s) =>
          s.start.commandId === undefined &&
          s.start.idTag.toUpperCase() === request.idTag.toUpperCase() &&
          (request.connectorId === undefined || s.start.connectorId === request.connectorId) &&
          s.start.startedAt >= requestedAt - START_BEFORE_COMMAND_TOLERANCE_MS,
      )
      .sort((a, b) => a.start.startedAt - b.start.startedAt)[0];
  }

  private toRequest(data: CommandRequestedV1): RemoteStartRequest | undefined {
    if (data.command !== 'RemoteStartTransaction') return undefined;
    const { idTag, connectorId } = data.payload as { idTag?: unknown; connectorId?: unknown };
    // The gateway refuses a payload without a valid idTag (OCPP schema: CiString20); nothing will
    // start from it, so no session either.
    if (typeof idTag !== 'string' || !/^[\x20-\x7e]{1,20}$/.test(idTag)) return undefined;
    const ocpi = data.ocpiStartSession;
    const ctx = this.settings.ocpi;
    const authorization: SessionAuthorization = ocpi
      ? {
          token: {
            countryCode: ocpi.token.countryCode,
            partyId: ocpi.token.partyId,
            uid: ocpi.token.uid,
            type: ocpi.token.type,
            contractId: ocpi.token.contractId,
          },
          authMethod: 'COMMAND',
          ...(ocpi.authorizationReference !== undefined
            ? { authorizationReference: ocpi.authorizationReference }
            : {}),
        }
      : {
          // A remote start of our own (operator, no OCPI token): our party, the tag as uid.
          token: {
            countryCode: ctx.countryCode,
            partyId: ctx.partyId,
            uid: idTag,
            type: 'OTHER',
            contractId: idTag,
          },
          authMethod: 'COMMAND',
        };
    const request: RemoteStartRequest = {
      commandId: data.commandId,
      stationId: data.stationId,
      idTag,
      authorization,
    };
    if (Number.isInteger(connectorId) && (connectorId as number) > 0) {
      request.connectorId = connectorId as number;
    }
    if (ocpi?.locationId && ocpi.evseUid && ocpi.connectorId) {
      const requestedPlace: RequestedPlace = {
        locationId: ocpi.locationId,
        evseUid: ocpi.evseUid,
        connectorId: ocpi.connectorId,
      };
      request.requestedPlace = requestedPlace;
    }
    return request;
  }
}
