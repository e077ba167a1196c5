import { Module } from '@nestjs/common';
import { SessionsReceiverController } from './http/sessions-receiver.controller';
import { ReceivedSessionRepository } from './persistence/received-session.repository';
import { GetReceivedSessionUseCase } from './use-cases/get-received-session.use-case';
import { PatchSessionUseCase } from './use-cases/patch-session.use-case';
import { PutSessionUseCase } from './use-cases/put-session.use-case';

/** OCPI Sessions Receiver: sessions pushed by CPO partners, published on Kafka (ADR 0070). */
@Module({
  controllers: [SessionsReceiverController],
  providers: [
    ReceivedSessionRepository,
    GetReceivedSessionUseCase,
    PutSessionUseCase,
    PatchSessionUseCase,
  ],
  exports: [ReceivedSessionRepository],
})
export class SessionsModule {}
