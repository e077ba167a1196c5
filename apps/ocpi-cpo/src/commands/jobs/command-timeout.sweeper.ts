import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { OcpiCpoEnv } from '../../config/ocpi-cpo.env';
import { SweepExpiredCommandsUseCase } from '../use-cases/sweep-expired-commands.use-case';

/** Runs SweepExpiredCommandsUseCase every OCPI_COMMAND_SWEEP_INTERVAL_MS (one pass at a time). */
@Injectable()
export class CommandTimeoutSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('ocpi-cpo', 'CommandTimeoutSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sweep: SweepExpiredCommandsUseCase,
    private readonly env: OcpiCpoEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep
        .execute()
        .then((n) => {
          if (n > 0) this.logger.log('commands timed out', { count: n });
        })
        .catch((error: unknown) =>
          this.logger.warn('command timeout sweep failed', { error: (error as Error).message }),
        )
        .finally(() => (this.running = null));
    }, this.env.OCPI_COMMAND_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
