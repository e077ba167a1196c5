import { Injectable } from '@nestjs/common';
import type { TokenUpsertedV1 } from '@voltlane/contracts-events';
import type { LifecycleTx } from '../lifecycle-tx';

/**
 * `token.token.upserted` → the token's eMSP and contract id per uid + type (the newest wins), looked
 * up once when a StartTransaction starts a session (ADR 0032 addendum). Sessions already started
 * keep the token they were started with.
 */
@Injectable()
export class RecordTokenUseCase {
  async execute(data: TokenUpsertedV1, tx: LifecycleTx): Promise<void> {
    await tx.tokens.upsert({
      countryCode: data.countryCode,
      partyId: data.partyId,
      uid: data.uid,
      type: data.type,
      contractId: data.contractId,
      lastUpdated: Date.parse(data.lastUpdated),
    });
  }
}
