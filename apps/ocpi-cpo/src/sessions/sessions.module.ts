import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { PartnerSyncModule } from '../partner-sync/partner-sync.module';
import { SessionCostUpdatedConsumer } from './consumers/session-cost-updated.consumer';
import { SessionEventsConsumer } from './consumers/session-events.consumer';
import { SessionsOcpiController } from './http/sessions-ocpi.controller';
import { SessionRepository } from './persistence/session.repository';
import { ListSessionsUseCase } from './use-cases/list-sessions.use-case';
import { RecordSessionCostUseCase } from './use-cases/record-session-cost.use-case';
import { RecordSessionUseCase } from './use-cases/record-session.use-case';
import { SessionPusher } from './use-cases/session-pusher';
import { SetChargingPreferencesUseCase } from './use-cases/set-charging-preferences.use-case';

/**
 * OCPI Sessions, Sender (ADR 0065): session-engine's sessions (+ tariff-rating's live cost) stored
 * and pushed to the token's eMSP (PUT, PATCHes, final PUT); GET list; charging preferences.
 */
@Module({
  // PartnerSyncModule: the push queue writer on our schema
  imports: [LocationsModule, PartnerSyncModule],
  controllers: [SessionsOcpiController],
  providers: [
    SessionRepository,
    SessionPusher,
    RecordSessionUseCase,
    RecordSessionCostUseCase,
    ListSessionsUseCase,
    SetChargingPreferencesUseCase,
    SessionEventsConsumer,
    SessionCostUpdatedConsumer,
  ],
})
export class SessionsModule {}
