import { Injectable } from '@nestjs/common';
import { RemoteStartGrants } from '../commands/remote-start-grants';
import { decideAuthorization, type AuthorizationDecision } from '../domain/authorization-policy';
import { TokenCacheRepository } from '../persistence/token-cache.repository';
import { TransactionRepository } from '../persistence/transaction.repository';

/** Authorization of an idTag at a station, from the local cache (see authorization-policy). */
@Injectable()
export class AuthorizeIdTagUseCase {
  constructor(
    private readonly tokens: TokenCacheRepository,
    private readonly transactions: TransactionRepository,
    private readonly grants: RemoteStartGrants,
  ) {}

  /** StartTransaction: a token handed over by an accepted RemoteStartTransaction is accepted. */
  async executeForStart(command: {
    stationId: string;
    idTag: string;
  }): Promise<AuthorizationDecision> {
    if (this.grants.consume(command.stationId, command.idTag)) {
      return { status: 'Accepted', source: 'remote-start' };
    }
    return this.execute({ ...command, checkConcurrentTx: true });
  }

  async execute(command: {
    stationId: string;
    idTag: string;
    checkConcurrentTx: boolean;
  }): Promise<AuthorizationDecision> {
    const token = await this.tokens.findByUid(command.idTag);
    const busy =
      command.checkConcurrentTx && token?.valid
        ? await this.transactions.hasOpenTransactionElsewhere(command.idTag, command.stationId)
        : false;
    return decideAuthorization(token, busy);
  }
}
