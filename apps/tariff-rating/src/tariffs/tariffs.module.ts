import { Module } from '@nestjs/common';
import { TariffsController } from './http/tariffs.controller';
import { TariffRepository } from './persistence/tariff.repository';
import { DeleteTariffUseCase } from './use-cases/delete-tariff.use-case';
import { GetTariffUseCase } from './use-cases/get-tariff.use-case';
import { ListTariffsUseCase } from './use-cases/list-tariffs.use-case';
import { PutTariffUseCase } from './use-cases/put-tariff.use-case';

/** OCPI 2.2.1 tariffs of our CPO: CRUD, stored in tariff_rating, published via the outbox. */
@Module({
  controllers: [TariffsController],
  providers: [
    TariffRepository,
    PutTariffUseCase,
    GetTariffUseCase,
    ListTariffsUseCase,
    DeleteTariffUseCase,
  ],
  exports: [TariffRepository],
})
export class TariffsModule {}
