import { Injectable } from '@nestjs/common';
import type { AuthorizeReq16, IdTagInfo16 } from '@voltlane/protocols-ocpp';
import type { StationCallContext, StationCallHandler } from '../connection/station-call.handler';
import { AuthorizeIdTagUseCase } from './authorize-id-tag.use-case';

/** Authorize: idTagInfo from the authorization cache. */
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
      checkConcurrentTx: true,
    });
    return { idTagInfo: { status: decision.status } };
  }
}
