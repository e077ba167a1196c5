import { Injectable } from '@nestjs/common';
import type { OcpiCaller } from '@voltlane/ocpi-core';
import type { ChargingProfileResponseDto, SetChargingProfileDto } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { ocppScheduleOf } from '../../commands/domain/command-results';
import { RemoteCommandRepository } from '../../commands/persistence/remote-command.repository';
import { ProfileSessions } from './profile-session';

/** Stack level of the TxProfiles set through OCPI (one per transaction, replaced by the next). */
const OCPI_STACK_LEVEL = 1;

/**
 * `PUT {chargingprofiles}/{session_id}` [CP › *PUT* Method] → OCPP SetChargingProfile, a
 * TxProfile for the session's transaction on its connector; ChargingProfileResult to the
 * response_url later. A profile without periods is REJECTED at once (OCPP needs at least one).
 */
@Injectable()
export class SetChargingProfileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfileSessions,
    private readonly commands: RemoteCommandRepository,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    sessionId: string;
    body: SetChargingProfileDto;
  }): Promise<ChargingProfileResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const resolved = await this.profiles.resolve(manager, command.caller, command.sessionId);
      if (!resolved.ok) return resolved.answer;
      const profile = command.body.charging_profile;
      if (!profile.charging_profile_period?.length) return this.profiles.answer('REJECTED');
      const { session, transactionId } = resolved;
      const schedule = ocppScheduleOf(profile);
      await this.profiles.dispatcher.dispatch(manager, {
        partnerId: command.caller.partnerId,
        module: 'chargingprofiles',
        kind: 'SET_PROFILE',
        stationId: session.stationId,
        ocppCommand: 'SetChargingProfile',
        payload: {
          connectorId: session.connectorId,
          csChargingProfiles: {
            chargingProfileId: await this.commands.nextChargingProfileId(manager),
            transactionId,
            stackLevel: OCPI_STACK_LEVEL,
            chargingProfilePurpose: 'TxProfile',
            chargingProfileKind: schedule.startSchedule ? 'Absolute' : 'Relative',
            chargingSchedule: schedule,
          },
        },
        responseUrl: command.body.response_url,
        emsp: { countryCode: session.emspCountryCode!, partyId: session.emspPartyId! },
        sessionId: session.sessionId,
        request: command.body,
      });
      return this.profiles.answer('ACCEPTED');
    });
  }
}
