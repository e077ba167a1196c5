import { Injectable } from '@nestjs/common';
import {
  type ChargingSessionInvalidatedV1,
  type ChargingSessionPendingV1,
  Topics,
} from '@voltlane/contracts-events';
import { type PendingSession, toOcpiPendingSession } from '../domain/remote-start';
import type { StoredPendingSession } from '../persistence/remote-start.store';
import { SessionEngineSettings } from '../session-engine.settings';
import type { EventCause, SessionTx } from './session-tx';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pending (remote-started) sessions as stored and published: `session.charging-session.pending.v1`
 * when opened, `session.charging-session.invalidated.v1` when they end without a transaction.
 */
@Injectable()
export class PendingSessionEvents {
  constructor(private readonly settings: SessionEngineSettings) {}

  stored(state: PendingSession): StoredPendingSession {
    const ocpiSession = toOcpiPendingSession(state, this.settings.ocpi) as unknown as Record<
      string,
      unknown
    >;
    return { state, ocpiSession };
  }

  pending(tx: SessionTx, s: StoredPendingSession, cause?: EventCause): void {
    const st = s.state;
    const auth = st.request.authorization;
    const data: ChargingSessionPendingV1 = {
      ...this.identity(st),
      commandId: st.request.commandId,
      tokenUid: auth.token.uid,
      tokenType: auth.token.type,
      emspCountryCode: auth.token.countryCode,
      emspPartyId: auth.token.partyId,
      authMethod: auth.authMethod,
      locationId: st.place.locationId,
      evseUid: st.place.evseUid,
      createdAt: iso(st.createdAt),
      session: s.ocpiSession,
    };
    if (st.request.connectorId !== undefined) data.connectorId = st.request.connectorId;
    if (auth.authorizationReference !== undefined) {
      data.authorizationReference = auth.authorizationReference;
    }
    tx.publish(Topics.SessionPending, data, cause);
  }

  invalidated(tx: SessionTx, s: StoredPendingSession, cause?: EventCause): void {
    const st = s.state;
    const data: ChargingSessionInvalidatedV1 = {
      ...this.identity(st),
      commandId: st.request.commandId,
      reason: st.invalidReason ?? 'START_TIMEOUT',
      invalidatedAt: iso(st.invalidatedAt ?? st.lastUpdated),
      session: s.ocpiSession,
    };
    tx.publish(Topics.SessionInvalidated, data, cause);
  }

  private identity(st: PendingSession) {
    return {
      sessionId: st.sessionId,
      countryCode: this.settings.ocpi.countryCode,
      partyId: this.settings.ocpi.partyId,
      revision: st.revision,
      stationId: st.request.stationId,
    };
  }
}
