import { Injectable } from '@nestjs/common';
import {
  type ChargingSessionCompletedV1,
  type ChargingSessionStartedV1,
  type ChargingSessionUpdatedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { ChargingSessionState } from '../domain/charging-session';
import { publicSessionId, toOcpiSession } from '../domain/ocpi-session.mapper';
import type { StoredSession } from '../persistence/charging-session.store';
import { SessionEngineSettings } from '../session-engine.settings';
import type { EventCause, SessionTx } from './session-tx';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Turns session states into what is stored (with the OCPI Session object) and what is published:
 * `session.charging-session.started/updated/completed.v1`, keyed by sessionId.
 */
@Injectable()
export class SessionEvents {
  constructor(private readonly settings: SessionEngineSettings) {}

  stored(state: ChargingSessionState): StoredSession {
    const ocpiSession = toOcpiSession(state, this.settings.ocpi) as unknown as Record<
      string,
      unknown
    >;
    let closeDueAt: number | undefined;
    if (state.status === 'ACTIVE' && state.stopReceivedAt !== undefined) {
      closeDueAt = state.stopReceivedAt + this.settings.completionDelayMs;
    } else if (state.status === 'ACTIVE' && state.staleMarkedAt !== undefined) {
      closeDueAt = state.staleMarkedAt + this.settings.staleGraceMs;
    }
    return { state, ocpiSession, closeDueAt };
  }

  started(tx: SessionTx, s: StoredSession, cause?: EventCause): void {
    const st = s.state;
    const auth = st.start.authorization;
    const data: ChargingSessionStartedV1 = {
      ...this.identity(st),
      connectorId: st.start.connectorId,
      tokenUid: auth?.token.uid ?? st.start.idTag,
      tokenType: auth?.token.type ?? 'RFID',
      authMethod: auth?.authMethod ?? 'WHITELIST',
      meterStartWh: st.start.meterStartWh,
      startedAt: iso(st.start.startedAt),
      session: s.ocpiSession,
    };
    if (auth) {
      data.emspCountryCode = auth.token.countryCode;
      data.emspPartyId = auth.token.partyId;
      if (auth.authorizationReference !== undefined) {
        data.authorizationReference = auth.authorizationReference;
      }
    }
    if (st.start.place) {
      data.locationId = st.start.place.locationId;
      data.evseUid = st.start.place.evseUid;
    }
    tx.publish(Topics.SessionStarted, data, cause);
  }

  updated(tx: SessionTx, s: StoredSession, cause?: EventCause): void {
    const st = s.state;
    const data: ChargingSessionUpdatedV1 = {
      ...this.identity(st),
      status: st.status,
      energyWh: st.meter.energyWh,
      lastMeterReadingAt: iso(Math.max(st.meter.lastSampleAt, st.start.startedAt)),
      session: s.ocpiSession,
    };
    if (st.meter.lastPowerW !== undefined && st.meter.lastPowerW >= 0) {
      data.currentPowerW = st.meter.lastPowerW;
    }
    if (st.meter.socPercent !== undefined) data.stateOfChargePercent = st.meter.socPercent;
    tx.publish(Topics.SessionUpdated, data, cause);
  }

  completed(tx: SessionTx, s: StoredSession, cause?: EventCause): void {
    const st = s.state;
    const data: ChargingSessionCompletedV1 = {
      ...this.identity(st),
      tokenUid: st.start.authorization?.token.uid ?? st.start.idTag,
      startedAt: iso(st.start.startedAt),
      endedAt: iso(st.endedAt ?? st.start.startedAt),
      meterStartWh: st.start.meterStartWh,
      meterStopWh: st.meterStopWh ?? st.meter.registerWh,
      energyWh: st.meter.energyWh,
      stopReason: st.stopReason ?? 'Other',
      session: s.ocpiSession,
    };
    const auth = st.start.authorization;
    if (auth) {
      data.emspCountryCode = auth.token.countryCode;
      data.emspPartyId = auth.token.partyId;
    }
    // The location as it was when the session started (ADR 0032): what the CDR shows.
    const cdrLocation = st.start.place?.cdrLocation;
    if (cdrLocation) data.cdrLocation = cdrLocation as unknown as Record<string, unknown>;
    tx.publish(Topics.SessionCompleted, data, cause);
  }

  private identity(st: ChargingSessionState) {
    return {
      sessionId: publicSessionId(st),
      countryCode: this.settings.ocpi.countryCode,
      partyId: this.settings.ocpi.partyId,
      revision: st.revision,
      stationId: st.start.stationId,
      transactionId: st.start.transactionId,
    };
  }
}
