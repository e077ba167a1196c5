import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ChargingProfilesOcpiController } from './http/chargingprofiles-ocpi.controller';
import { ClearChargingProfileUseCase } from './use-cases/clear-charging-profile.use-case';
import { GetActiveProfileUseCase } from './use-cases/get-active-profile.use-case';
import { ProfileSessions } from './use-cases/profile-session';
import { SetChargingProfileUseCase } from './use-cases/set-charging-profile.use-case';

/** ChargingProfiles Receiver (ADR 0066): OCPP composite schedule / TxProfile / clear, async results. */
@Module({
  imports: [CommandsModule],
  controllers: [ChargingProfilesOcpiController],
  providers: [
    ProfileSessions,
    GetActiveProfileUseCase,
    SetChargingProfileUseCase,
    ClearChargingProfileUseCase,
  ],
})
export class ChargingProfilesModule {}
