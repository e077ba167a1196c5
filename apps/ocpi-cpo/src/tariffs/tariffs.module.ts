import { Module } from '@nestjs/common';
import { PartnerSyncModule } from '../partner-sync/partner-sync.module';
import { TariffEventsConsumer } from './consumers/tariff-events.consumer';
import { TariffsOcpiController } from './http/tariffs-ocpi.controller';
import { CpoTariffRepository } from './persistence/cpo-tariff.repository';
import { DeleteTariffUseCase } from './use-cases/delete-tariff.use-case';
import { ListTariffsUseCase } from './use-cases/list-tariffs.use-case';
import { RecordTariffUseCase } from './use-cases/record-tariff.use-case';
import { TariffPusher } from './use-cases/tariff-pusher';

/** Our CPO's Tariffs as OCPI Sender: from tariff-rating's events, GET list, pushes (ADR 0064). */
@Module({
  imports: [PartnerSyncModule],
  controllers: [TariffsOcpiController],
  providers: [
    CpoTariffRepository,
    TariffPusher,
    RecordTariffUseCase,
    DeleteTariffUseCase,
    ListTariffsUseCase,
    TariffEventsConsumer,
  ],
  exports: [CpoTariffRepository, TariffPusher],
})
export class TariffsModule {}
