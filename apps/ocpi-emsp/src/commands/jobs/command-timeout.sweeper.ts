import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { OcpiEmspEnv } from '../../config/ocpi-emsp.env';
import { EmspCommandRepository } from '../persistence/emsp-command.repository';

/**
 * Marks commands that got no CommandResult by their deadline (CommandResponse `timeout` + grace;
 * or 120 s without any CommandResponse recorded) as TIMEOUT. Every replica runs it; each row
 * changes once (one conditional UPDATE, SKIP LOCKED).
 */
@Injectable()
export class CommandTimeoutSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = createLogger('ocpi-emsp', 'CommandTimeoutSweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly commands: EmspCommandRepository,
    private readonly env: OcpiEmspEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
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

  async sweep(): Promise<number> {
    const ids = await this.commands.timeOutDue(new Date());
    if (ids.length > 0) this.logger.log('commands timed out', { count: ids.length, ids });
    return ids.length;
  }
}
