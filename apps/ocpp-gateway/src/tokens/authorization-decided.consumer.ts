import { Injectable } from '@nestjs/common';
import { Topics, type AuthorizationDecidedV1 } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { TokenCacheRepository } from '../persistence/token-cache.repository';

/**
 * Remembers every real-time decision (shared group: once per gateway population), also those that
 * arrive after their request expired, for the eMSP-unreachable fallback (ADR 0014).
 */
@Injectable()
export class AuthorizationDecidedConsumer {
  constructor(private readonly tokens: TokenCacheRepository) {}

  @ConsumeEvent(Topics.OcppAuthorizationDecided)
  async onDecided(event: InboundEvent<AuthorizationDecidedV1>, scope: TransactionScope) {
    await this.tokens.recordDecision(scope.manager, event.envelope.data);
  }
}
