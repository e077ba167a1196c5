import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PartnerDirectory } from '@voltlane/ocpi-core';
import { ConflictError, createLogger } from '@voltlane/platform-core';
import { OcpiEmspEnv } from '../../config/ocpi-emsp.env';
import { PullSyncStateRepository } from '../persistence/pull-sync-state.repository';
import { RunPullSyncUseCase } from '../use-cases/run-pull-sync.use-case';

/**
 * Periodic pull sync (ADR 0071): every `OCPI_PULL_SYNC_CHECK_INTERVAL_MS` each replica looks for
 * registered CPO partners whose next run is due (never synced: due at once) and syncs them one
 * after another; the per-partner advisory lock keeps two replicas off one partner.
 */
@Injectable()
export class PullSyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('ocpi-emsp', 'PullSyncScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly partners: PartnerDirectory,
    private readonly state: PullSyncStateRepository,
    private readonly runSync: RunPullSyncUseCase,
    private readonly env: OcpiEmspEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((error: unknown) =>
          this.logger.warn('pull sync scheduling failed', { error: (error as Error).message }),
        )
        .finally(() => (this.running = null));
    }, this.env.OCPI_PULL_SYNC_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    const now = Date.now();
    const nextRuns = await this.state.nextRuns();
    const cpos = (await this.partners.listRegistered()).filter((p) =>
      p.roles.some((r) => r.role.toUpperCase() === 'CPO'),
    );
    for (const partner of cpos) {
      if (this.stopping) return;
      const due = nextRuns.get(partner.id);
      if (due && due.getTime() > now) continue;
      try {
        await this.runSync.execute({ partnerId: partner.id });
      } catch (error) {
        if (error instanceof ConflictError) continue; // another replica holds it
        this.logger.warn('pull sync failed', {
          partnerId: partner.id,
          error: (error as Error).message,
        });
      }
    }
  }
}
