import { Injectable } from '@nestjs/common';
import { type OcpiCaller, OcpiException } from '@voltlane/ocpi-core';
import { OcpiStatus, type ChargingPreferencesDto } from '@voltlane/protocols-ocpi';
import { LocationRepository } from '../../locations/persistence/location.repository';
import {
  decideChargingPreferences,
  type ChargingPreferencesAnswer,
} from '../domain/charging-preferences.policy';
import { tokenOwnerOf } from '../domain/session-sync';
import { SessionRepository } from '../persistence/session.repository';

const CAPABILITY = 'CHARGING_PREFERENCES_CAPABLE';

/**
 * `PUT {sessions}/{session_id}/charging_preferences` (mod_sessions): only the eMSP owning the
 * session's token; an unknown (or someone else's) session and an EVSE without
 * CHARGING_PREFERENCES_CAPABLE → HTTP 404 + OCPI 2001; else stored and answered per
 * `decideChargingPreferences`.
 */
@Injectable()
export class SetChargingPreferencesUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly locations: LocationRepository,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    sessionId: string;
    preferences: ChargingPreferencesDto;
    now?: Date;
  }): Promise<ChargingPreferencesAnswer> {
    const session = await this.sessions.find(command.sessionId);
    const owner = session ? tokenOwnerOf(session) : undefined;
    if (!session || !owner || !command.caller.owns(owner.countryCode, owner.partyId, 'EMSP')) {
      throw OcpiException.notFound(
        `Unknown session ${command.sessionId}`,
        OcpiStatus.InvalidOrMissingParameters,
      );
    }
    const stored = await this.locations.find(session.location_id);
    const evse = stored?.location.evses?.find(
      (e) => String(e.uid).toUpperCase() === session.evse_uid.toUpperCase(),
    );
    const capabilities = (evse?.capabilities ?? []) as string[];
    if (!capabilities.includes(CAPABILITY)) {
      throw OcpiException.notFound(
        `EVSE ${session.evse_uid} of session ${session.id} is not ${CAPABILITY}`,
        OcpiStatus.InvalidOrMissingParameters,
      );
    }
    const answer = decideChargingPreferences(
      session,
      command.preferences,
      command.now ?? new Date(),
    );
    await this.sessions.saveChargingPreferences(
      session.id,
      command.caller.partnerId,
      command.preferences,
      answer,
    );
    return answer;
  }
}
