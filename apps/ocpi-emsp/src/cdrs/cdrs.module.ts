import { Module } from '@nestjs/common';
import { CdrsReceiverController } from './http/cdrs-receiver.controller';
import { ReceivedCdrRepository } from './persistence/received-cdr.repository';
import { GetReceivedCdrUseCase } from './use-cases/get-received-cdr.use-case';
import { ReceiveCdrUseCase } from './use-cases/receive-cdr.use-case';

/** OCPI CDRs Receiver: immutable CDRs from CPO partners, published for billing (ADR 0070). */
@Module({
  controllers: [CdrsReceiverController],
  providers: [ReceivedCdrRepository, ReceiveCdrUseCase, GetReceivedCdrUseCase],
  exports: [ReceivedCdrRepository],
})
export class CdrsModule {}
