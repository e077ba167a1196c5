import { Module } from '@nestjs/common';
import { OcpiPushQueue } from '@voltlane/ocpi-core';
import { LocationsModule } from '../locations/locations.module';
import { SERVICE } from '../ocpi-cpo.service';
import { CommandCompletedConsumer } from './consumers/command-completed.consumer';
import { CommandSessionsRunner } from './consumers/command-sessions.runner';
import { CommandsOcpiController } from './http/commands-ocpi.controller';
import { CommandTimeoutSweeper } from './jobs/command-timeout.sweeper';
import { CommandSessionRepository } from './persistence/command-session.repository';
import { RemoteCommandRepository } from './persistence/remote-command.repository';
import { ReservationRepository } from './persistence/reservation.repository';
import { CommandDispatcher } from './use-cases/command-dispatcher';
import { CommandPlaces } from './use-cases/command-places';
import { CommandResultSender } from './use-cases/command-result.sender';
import { CompleteCommandUseCase } from './use-cases/complete-command.use-case';
import { RecordCommandSessionUseCase } from './use-cases/record-command-session.use-case';
import { RequestCommandUseCase } from './use-cases/request-command.use-case';
import { SweepExpiredCommandsUseCase } from './use-cases/sweep-expired-commands.use-case';

/**
 * Commands Receiver (ADR 0066): OCPI commands → ocpp.command.requested, station answers →
 * CommandResult to the response_url (push queue), TIMEOUT when none came; also the command
 * plumbing ChargingProfiles reuses (dispatcher, result sender, session projection).
 */
@Module({
  imports: [LocationsModule],
  controllers: [CommandsOcpiController],
  providers: [
    { provide: OcpiPushQueue, useFactory: () => new OcpiPushQueue(SERVICE.schema) },
    RemoteCommandRepository,
    ReservationRepository,
    CommandSessionRepository,
    CommandDispatcher,
    CommandPlaces,
    CommandResultSender,
    RequestCommandUseCase,
    CompleteCommandUseCase,
    SweepExpiredCommandsUseCase,
    RecordCommandSessionUseCase,
    CommandCompletedConsumer,
    CommandSessionsRunner,
    CommandTimeoutSweeper,
  ],
  exports: [CommandSessionRepository, RemoteCommandRepository, CommandDispatcher, CommandPlaces],
})
export class CommandsModule {}
