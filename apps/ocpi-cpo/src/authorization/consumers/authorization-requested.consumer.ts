import { Injectable } from '@nestjs/common';
import { type AuthorizationRequestedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { AuthorizeIdTagUseCase } from '../use-cases/authorize-id-tag.use-case';

/** The gateway needs a real-time decision for an idTag → ask the token's eMSP, publish .decided. */
@Injectable()
export class AuthorizationRequestedConsumer {
  constructor(private readonly authorize: AuthorizeIdTagUseCase) {}

  @ConsumeEvent(Topics.OcppAuthorizationRequested)
  requested(event: InboundEvent<AuthorizationRequestedV1>, scope: TransactionScope): Promise<void> {
    return this.authorize.execute(event.envelope.data, scope);
  }
}
