import { Module } from '@nestjs/common';
import { TokensOcpiController } from './http/tokens-ocpi.controller';
import { TokenRepository } from './persistence/token.repository';
import { GetTokenUseCase } from './use-cases/get-token.use-case';
import { PatchTokenUseCase } from './use-cases/patch-token.use-case';
import { PutTokenUseCase } from './use-cases/put-token.use-case';

/** Tokens Receiver (ADR 0066): tokens pushed by eMSPs, published for the gateway's cache. */
@Module({
  controllers: [TokensOcpiController],
  providers: [TokenRepository, GetTokenUseCase, PutTokenUseCase, PatchTokenUseCase],
  exports: [TokenRepository],
})
export class TokensModule {}
