import { Injectable } from '@nestjs/common';
import type {
  ChargingSessionCompletedV1,
  ChargingSessionStartedV1,
} from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { CommandSessionRepository } from '../persistence/command-session.repository';

/** Keeps the sessions STOP_SESSION and chargingprofiles can address (station + transaction). */
@Injectable()
export class RecordCommandSessionUseCase {
  constructor(private readonly sessions: CommandSessionRepository) {}

  async started(manager: EntityManager, e: ChargingSessionStartedV1): Promise<void> {
    await this.sessions.apply(manager, {
      sessionId: e.sessionId,
      stationId: e.stationId,
      connectorId: e.connectorId,
      transactionId: e.transactionId,
      emspCountryCode: e.emspCountryCode,
      emspPartyId: e.emspPartyId,
      active: true,
      revision: e.revision,
    });
  }

  async completed(manager: EntityManager, e: ChargingSessionCompletedV1): Promise<void> {
    await this.sessions.complete(manager, e.sessionId, e.revision);
  }
}
