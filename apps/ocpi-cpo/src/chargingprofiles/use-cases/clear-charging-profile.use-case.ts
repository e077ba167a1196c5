import { Injectable } from '@nestjs/common';
import type { OcpiCaller } from '@voltlane/ocpi-core';
import type { ChargingProfileResponseDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { checkedUrl } from './get-active-profile.use-case';
import { ProfileSessions } from './profile-session';

/**
 * `DELETE {chargingprofiles}/{session_id}?response_url=` [CP › *DELETE* Method] → OCPP
 * ClearChargingProfile of the TxProfiles on the session's connector; ClearProfileResult later.
 */
@Injectable()
export class ClearChargingProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfileSessions,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    sessionId: string;
    responseUrl?: string;
  }): Promise<ChargingProfileResponseDto> {
    const responseUrl = checkedUrl(command.responseUrl);
    return this.dataSource.transaction(async (manager) => {
      const resolved = await this.profiles.resolve(manager, command.caller, command.sessionId);
      if (!resolved.ok) return resolved.answer;
      const { session } = resolved;
      await this.profiles.dispatcher.dispatch(manager, {
        partnerId: command.caller.partnerId,
        module: 'chargingprofiles',
        kind: 'CLEAR_PROFILE',
        stationId: session.stationId,
        ocppCommand: 'ClearChargingProfile',
        payload: { connectorId: session.connectorId, chargingProfilePurpose: 'TxProfile' },
        responseUrl,
        emsp: { countryCode: session.emspCountryCode!, partyId: session.emspPartyId! },
        sessionId: session.sessionId,
        request: { response_url: responseUrl },
      });
      return this.profiles.answer('ACCEPTED');
    });
  }
}
