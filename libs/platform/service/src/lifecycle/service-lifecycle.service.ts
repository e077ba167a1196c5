import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/** Whether the process is shutting down; readiness turns 503 as soon as it is. */
@Injectable()
export class ServiceLifecycle implements OnModuleDestroy {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Covers `app.close()` called outside `bootstrapService` (tests, scripts). */
  onModuleDestroy(): void {
    this.markShuttingDown();
  }
}
