import { Module } from '@nestjs/common';
import { CdrsModule } from '../cdrs/cdrs.module';
import { ReceiveCdrUseCase } from '../cdrs/use-cases/receive-cdr.use-case';
import { LocationsModule } from '../locations/locations.module';
import { PutLocationObjectUseCase } from '../locations/use-cases/put-location-object.use-case';
import { SessionsModule } from '../sessions/sessions.module';
import { PutSessionUseCase } from '../sessions/use-cases/put-session.use-case';
import { TariffsModule } from '../tariffs/tariffs.module';
import { PutTariffUseCase } from '../tariffs/use-cases/put-tariff.use-case';
import { PullSyncAdminController } from './http/pull-sync-admin.controller';
import { PullSyncScheduler } from './jobs/pull-sync.scheduler';
import { PullSyncStateRepository } from './persistence/pull-sync-state.repository';
import { GetPullSyncStateUseCase } from './use-cases/get-pull-sync-state.use-case';
import { RunPullSyncUseCase } from './use-cases/run-pull-sync.use-case';

/**
 * Pull sync from CPO partners (ADR 0071). The Receiver modules export their repositories, not
 * their use cases, so the four use cases are provided here again (stateless; same classes, same
 * rules and events as the Receiver endpoints).
 */
@Module({
  imports: [LocationsModule, TariffsModule, SessionsModule, CdrsModule],
  controllers: [PullSyncAdminController],
  providers: [
    PutLocationObjectUseCase,
    PutTariffUseCase,
    PutSessionUseCase,
    ReceiveCdrUseCase,
    PullSyncStateRepository,
    RunPullSyncUseCase,
    GetPullSyncStateUseCase,
    PullSyncScheduler,
  ],
})
export class SyncModule {}
