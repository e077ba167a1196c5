import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '@voltlane/ocpi-core';
import { createLogger } from '@voltlane/platform-core';
import { DataSource } from 'typeorm';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';
import { TokenPusher } from '../use-cases/token-pusher';

const BATCH = 200;
export const TOKEN_SYNC_INTERVAL_MS = 2_000;

/**
 * Initial load of CPO partners that registered (or registered again) after our tokens existed
 * (ADR 0070): each is sent every token it was not sent since its registration, as full PUTs
 * through the push queue, `BATCH` per transaction. Token rows are locked `SKIP LOCKED` and marked
 * sent in the same transaction, so replicas and concurrent upserts never send a token twice or an
 * older version after a newer one.
 */
@Injectable()
export class TokenSyncSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('ocpi-emsp', 'TokenSyncSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: EmspTokenRepository,
    private readonly pusher: TokenPusher,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn('token sync failed', { error: (error as Error).message }),
        )
        .finally(() => (this.running = null));
    }, TOKEN_SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every target partner; returns how many tokens were enqueued. */
  async sweep(): Promise<number> {
    const party = { countryCode: this.party.countryCode, partyId: this.party.partyId };
    let sent = 0;
    for (const target of await this.pusher.targets()) {
      for (;;) {
        const n = await this.dataSource.transaction(async (manager) => {
          const due = await this.tokens.unsyncedFor(
            manager,
            target.id,
            target.registeredAt,
            BATCH,
            party,
          );
          await this.pusher.send(manager, [target.id], due);
          return due.length;
        });
        sent += n;
        if (n < BATCH) break;
      }
    }
    if (sent > 0) this.logger.log('tokens sent to partners', { tokens: sent });
    return sent;
  }
}
