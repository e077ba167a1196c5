import { Injectable } from '@nestjs/common';
import { RemoteStartGrants } from '../commands/remote-start-grants';
import {
  decideAuthorization,
  needsRealTime,
  withConcurrentTx,
  type AuthorizationDecision,
  type RealTimeDecision,
} from '../domain/authorization-policy';
import { TokenCacheRepository } from '../persistence/token-cache.repository';
import { TransactionRepository } from '../persistence/transaction.repository';
import { RealTimeAuthorizationClient } from '../tokens/real-time-authorization.client';

/** How long a real-time `Accepted` from Authorize also covers the StartTransaction that follows. */
const AUTHORIZE_REUSE_MS = 2 * 60_000;
const MAX_REMEMBERED = 10_000;

export interface AuthorizeIdTagCommand {
  stationId: string;
  idTag: string;
  connectorId?: number;
  correlationId: string;
  checkConcurrentTx: boolean;
  /** False: decide without asking the eMSP (as if it were unreachable). Default true. */
  realTime?: boolean;
}

/**
 * Authorization of an idTag at a station (ADR 0012, 0014): the token cache; for tokens that need
 * it, the eMSP's real-time decision (bounded wait); the fallback policy when none comes.
 */
@Injectable()
export class AuthorizeIdTagUseCase {
  /** Real-time acceptances from Authorize, per station and idTag, for the start that follows. */
  private readonly recent = new Map<string, { decision: RealTimeDecision; until: number }>();

  constructor(
    private readonly tokens: TokenCacheRepository,
    private readonly transactions: TransactionRepository,
    private readonly grants: RemoteStartGrants,
    private readonly realTime: RealTimeAuthorizationClient,
  ) {}

  /**
   * StartTransaction: a token handed over by an accepted RemoteStartTransaction is accepted; a
   * real-time acceptance of the Authorize just before is not asked for again.
   */
  async executeForStart(
    command: Omit<AuthorizeIdTagCommand, 'checkConcurrentTx'>,
  ): Promise<AuthorizationDecision> {
    if (this.grants.consume(command.stationId, command.idTag)) {
      return { status: 'Accepted', source: 'remote-start' };
    }
    return this.execute({ ...command, checkConcurrentTx: true }, true);
  }

  async execute(command: AuthorizeIdTagCommand, forStart = false): Promise<AuthorizationDecision> {
    const token = await this.tokens.findByUid(command.idTag);
    let realTime: RealTimeDecision | null = null;
    let lastDecision: RealTimeDecision | null = null;
    if (needsRealTime(token)) {
      const key = `${command.stationId}\n${command.idTag}`;
      const remembered = forStart ? this.takeRecent(key) : null;
      if (remembered) {
        realTime = remembered;
      } else if (this.realTime.enabled && command.realTime !== false) {
        realTime = await this.realTime.ask({
          stationId: command.stationId,
          idTag: command.idTag,
          correlationId: command.correlationId,
          ...(command.connectorId !== undefined ? { connectorId: command.connectorId } : {}),
        });
      }
      if (realTime === null) lastDecision = await this.tokens.lastDecision(command.idTag);
      else if (!forStart && realTime.status === 'Accepted') this.remember(key, realTime);
    }
    const decision = decideAuthorization({ token, realTime, lastDecision, now: new Date() });
    const busy =
      command.checkConcurrentTx && decision.status === 'Accepted'
        ? await this.transactions.hasOpenTransactionElsewhere(command.idTag, command.stationId)
        : false;
    return withConcurrentTx(decision, busy);
  }

  private remember(key: string, decision: RealTimeDecision): void {
    const now = Date.now();
    if (this.recent.size >= MAX_REMEMBERED) {
      for (const [k, v] of this.recent) if (v.until < now) this.recent.delete(k);
      if (this.recent.size >= MAX_REMEMBERED) this.recent.clear();
    }
    this.recent.set(key, { decision, until: now + AUTHORIZE_REUSE_MS });
  }

  private takeRecent(key: string): RealTimeDecision | null {
    const entry = this.recent.get(key);
    if (!entry) return null;
    this.recent.delete(key);
    return entry.until >= Date.now() ? entry.decision : null;
  }
}
