import { Module } from '@nestjs/common';
import { TariffsReceiverController } from './http/tariffs-receiver.controller';
import { ReceivedTariffRepository } from './persistence/received-tariff.repository';
import { DeleteTariffUseCase } from './use-cases/delete-tariff.use-case';
import { GetReceivedTariffUseCase } from './use-cases/get-received-tariff.use-case';
import { PutTariffUseCase } from './use-cases/put-tariff.use-case';

/** OCPI Tariffs Receiver: Tariffs pushed by CPO partners (ADR 0070). */
@Module({
  controllers: [TariffsReceiverController],
  providers: [
    ReceivedTariffRepository,
    GetReceivedTariffUseCase,
    PutTariffUseCase,
    DeleteTariffUseCase,
  ],
  exports: [ReceivedTariffRepository],
})
export class TariffsModule {}
