import { Injectable } from '@nestjs/common';
import { Topics, type TokenUpsertedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { TokenCacheRepository } from '../persistence/token-cache.repository';

/**
 * Feeds the authorization cache from token.token.upserted. Only tokens eMSPs pushed to our CPO
 * (`received-from-emsp`) are used: our own eMSP reaches our CPO over OCPI like any partner.
 */
@Injectable()
export class TokenUpsertedConsumer {
  constructor(private readonly tokens: TokenCacheRepository) {}

  @ConsumeEvent(Topics.TokenUpserted)
  async onTokenUpserted(event: InboundEvent<TokenUpsertedV1>, scope: TransactionScope) {
    if (event.envelope.data.origin !== 'received-from-emsp') return;
    await this.tokens.upsert(scope.manager, event.envelope.data);
  }
}
