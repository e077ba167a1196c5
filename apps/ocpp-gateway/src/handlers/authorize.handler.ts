import { Injectable } from '@nestjs/common';
import type { AuthorizeReq16, IdTagInfo16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import type { AuthorizationDecision } from '../domain/authorization-policy';
import { AuthorizeIdTagUseCase } from './authorize-id-tag.use-case';

/** The station's idTagInfo: the status, and the expiry date and parent of an acceptance. */
export function idTagInfoOf(decision: AuthorizationDecision): IdTagInfo16 {
  return {
    status: decision.status,
    ...(decision.expiryDate ? { expiryDate: decision.expiryDate } : {}),
    ...(decision.parentIdTag ? { parentIdTag: decision.parentIdTag } : {}),
  };
}

/** Authorize: idTagInfo from the authorization cache or the eMSP's real-time decision. */
@Injectable()
export class AuthorizeHandler implements StationCallHandler<
  AuthorizeReq16,
  { idTagInfo: IdTagInfo16 }
> {
  readonly action = 'Authorize';

  constructor(private readonly authorize: AuthorizeIdTagUseCase) {}

  async handle(ctx: StationCallContext, req: AuthorizeReq16): Promise<{ idTagInfo: IdTagInfo16 }> {
    const decision = await this.authorize.execute({
      stationId: ctx.session.stationId,
      idTag: req.idTag,
      correlationId: ctx.correlationId,
      checkConcurrentTx: true,
    });
    return { idTagInfo: idTagInfoOf(decision) };
  }
}
