import { Injectable } from '@nestjs/common';
import type { TransactionScope } from '@voltlane/platform-persistence';
import type { EntityManager } from 'typeorm';
import { KnownTokenRepository } from '../persistence/known-token.repository';
import { RemoteStartRepository } from '../persistence/remote-start.repository';
import { SessionPlaceRepository } from '../persistence/session-place.repository';
import type { LifecycleTx } from '../use-cases/lifecycle-tx';
import type { SessionTx } from '../use-cases/session-tx';
import { SessionTxFactory } from './session-tx.factory';

/** Builds the lifecycle use cases' LifecycleTx (sessions, remote starts, locations, tokens) of one transaction. */
@Injectable()
export class LifecycleTxFactory {
  constructor(
    private readonly sessions: SessionTxFactory,
    private readonly remoteStarts: RemoteStartRepository,
    private readonly places: SessionPlaceRepository,
    private readonly tokens: KnownTokenRepository,
  ) {}

  ofEvent(scope: TransactionScope): LifecycleTx {
    return this.extend(this.sessions.ofEvent(scope), scope.manager);
  }

  /** For the sweeper: a SessionTx it built itself on `manager`. */
  extend(tx: SessionTx, manager: EntityManager): LifecycleTx {
    return {
      ...tx,
      remoteStarts: this.remoteStarts.bind(manager),
      places: this.places.bind(manager),
      tokens: this.tokens.bind(manager),
    };
  }
}
