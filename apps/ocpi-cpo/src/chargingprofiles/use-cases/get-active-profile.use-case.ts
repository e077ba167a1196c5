import { Injectable } from '@nestjs/common';
import { type OcpiCaller, OcpiException } from '@voltlane/ocpi-core';
import type { ChargingProfileResponseDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { ProfileSessions } from './profile-session';

/**
 * `GET {chargingprofiles}/{session_id}?duration=&response_url=` [CP › *GET* Method] → OCPP
 * GetCompositeSchedule of the session's connector; the ActiveChargingProfileResult goes to the
 * response_url later.
 */
@Injectable()
export class GetActiveProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfileSessions,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    sessionId: string;
    duration?: string;
    responseUrl?: string;
  }): Promise<ChargingProfileResponseDto> {
    const duration = Number(command.duration);
    if (!command.duration || !Number.isInteger(duration) || duration < 0) {
      throw OcpiException.invalidParameters('duration must be a whole number of seconds');
    }
    const responseUrl = checkedUrl(command.responseUrl);
    return this.dataSource.transaction(async (manager) => {
      const resolved = await this.profiles.resolve(manager, command.caller, command.sessionId);
      if (!resolved.ok) return resolved.answer;
      const { session } = resolved;
      await this.profiles.dispatcher.dispatch(manager, {
        partnerId: command.caller.partnerId,
        module: 'chargingprofiles',
        kind: 'GET_ACTIVE_PROFILE',
        stationId: session.stationId,
        ocppCommand: 'GetCompositeSchedule',
        payload: { connectorId: session.connectorId, duration },
        responseUrl,
        emsp: { countryCode: session.emspCountryCode!, partyId: session.emspPartyId! },
        sessionId: session.sessionId,
        request: { duration, response_url: responseUrl },
      });
      return this.profiles.answer('ACCEPTED');
    });
  }
}

/** `response_url` query parameter: an absolute http(s) URL of at most 255 characters. */
export function checkedUrl(value: string | undefined): string {
  if (!value || value.length > 255 || !/^https?:\/\/\S+$/i.test(value)) {
    throw OcpiException.invalidParameters('response_url must be an absolute URL (255 max)');
  }
  return value;
}
