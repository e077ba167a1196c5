import { Module } from '@nestjs/common';
import { HubClientInfoOcpiController } from './http/hubclientinfo-ocpi.controller';
import { ClientInfoRepository } from './persistence/client-info.repository';
import { GetClientInfoUseCase, PutClientInfoUseCase } from './use-cases/client-info.use-cases';

/** HubClientInfo Receiver (ADR 0066): ClientInfo objects pushed by a Hub partner. */
@Module({
  controllers: [HubClientInfoOcpiController],
  providers: [ClientInfoRepository, GetClientInfoUseCase, PutClientInfoUseCase],
})
export class HubClientInfoModule {}
