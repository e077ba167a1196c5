import { Module } from '@nestjs/common';
import { OcpiPushQueue } from '@voltlane/ocpi-core';
import { SERVICE } from '../ocpi-emsp.service';
import { TokensAdminController } from './http/tokens-admin.controller';
import { TokensSenderController } from './http/tokens-sender.controller';
import { TokenSyncSweeper } from './jobs/token-sync.sweeper';
import { EmspTokenRepository } from './persistence/emsp-token.repository';
import { AuthorizeTokenUseCase } from './use-cases/authorize-token.use-case';
import { GetTokenUseCase } from './use-cases/get-token.use-case';
import { ListTokensUseCase } from './use-cases/list-tokens.use-case';
import { TokenPusher } from './use-cases/token-pusher';
import { UpsertTokenUseCase } from './use-cases/upsert-token.use-case';

/** OCPI Tokens Sender: our tokens, their pushes to CPO partners, real-time authorization. */
@Module({
  controllers: [TokensSenderController, TokensAdminController],
  providers: [
    EmspTokenRepository,
    // stateless enqueuer over our schema (the delivery worker comes from OcpiPushModule)
    { provide: OcpiPushQueue, useFactory: () => new OcpiPushQueue(SERVICE.schema) },
    TokenPusher,
    UpsertTokenUseCase,
    ListTokensUseCase,
    AuthorizeTokenUseCase,
    GetTokenUseCase,
    TokenSyncSweeper,
  ],
  exports: [UpsertTokenUseCase, EmspTokenRepository],
})
export class TokensModule {}
