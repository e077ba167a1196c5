import { Module } from '@nestjs/common';
import { TariffAssignmentsModule } from '../assignments/tariff-assignments.module';
import { ChargingSessionCompletedConsumer } from './consumers/charging-session-completed.consumer';
import { ChargingSessionUpdatedConsumer } from './consumers/charging-session-updated.consumer';
import { LocationUpsertedConsumer } from './consumers/location-upserted.consumer';
import { SessionRatingRepository } from './persistence/session-rating.repository';
import { RateCompletedSessionUseCase } from './use-cases/rate-completed-session.use-case';
import { RateRunningSessionUseCase } from './use-cases/rate-running-session.use-case';

/** Live (rating.session-cost-updated.v1) and final (rating.session.rated.v1) session prices. */
@Module({
  imports: [TariffAssignmentsModule],
  providers: [
    SessionRatingRepository,
    RateCompletedSessionUseCase,
    RateRunningSessionUseCase,
    ChargingSessionCompletedConsumer,
    ChargingSessionUpdatedConsumer,
    LocationUpsertedConsumer,
  ],
})
export class SessionRatingModule {}
