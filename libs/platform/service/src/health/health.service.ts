import {
  Inject,
  Injectable,
  Logger,
  type InjectionToken,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type HealthIndicator, maskUrlCredentials, withTimeout } from '@voltlane/platform-core';
import { ServiceLifecycle } from '../lifecycle/service-lifecycle.service';
import { SERVICE_MODULE_OPTIONS, type ServiceModuleOptions } from '../service.options';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  /** Indicator name → `up` or `down: <reason>`. */
  checks: Record<string, string>;
  /** Set when the whole service is unavailable for a reason beyond the checks. */
  reason?: string;
}

const DEFAULT_TIMEOUT_MS = 2000;
const MAX_REASON_LENGTH = 200;

/** Runs the registered health indicators; the readiness endpoint reports its verdict. */
@Injectable()
export class HealthService implements OnModuleInit {
  private readonly logger = new Logger(HealthService.name);
  private readonly indicators = new Map<string, HealthIndicator>();
  private readonly lastStatus = new Map<string, string>();
  private readonly timeoutMs: number;

  constructor(
    @Inject(SERVICE_MODULE_OPTIONS) private readonly options: ServiceModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly lifecycle: ServiceLifecycle,
  ) {
    this.timeoutMs = options.readinessTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async onModuleInit(): Promise<void> {
    for (const token of this.options.healthIndicators ?? []) {
      this.register(await this.resolve(token));
    }
  }

  /** Adds an indicator; registering the same instance twice is a no-op, another one a bug. */
  register(indicator: HealthIndicator): void {
    const existing = this.indicators.get(indicator.name);
    if (existing && existing !== indicator) {
      throw new Error(`A health indicator named "${indicator.name}" is already registered`);
    }
    this.indicators.set(indicator.name, indicator);
  }

  /** Every indicator in parallel, each bounded by the timeout; 503 at once while shutting down. */
  async readiness(): Promise<ReadinessReport> {
    if (this.lifecycle.isShuttingDown) {
      return { status: 'unavailable', reason: 'shutting down', checks: {} };
    }
    const results = await Promise.all(
      [...this.indicators.values()].map(async (indicator): Promise<[string, string]> => {
        try {
          await withTimeout(
            Promise.resolve().then(() => indicator.check()),
            this.timeoutMs,
            `${indicator.name} check`,
          );
          return [indicator.name, 'up'];
        } catch (err) {
          return [indicator.name, `down: ${reasonOf(err)}`];
        }
      }),
    );
    for (const [name, status] of results) {
      this.logTransition(name, status);
    }
    return {
      status: results.every(([, status]) => status === 'up') ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results),
    };
  }

  private async resolve(token: InjectionToken<HealthIndicator>): Promise<HealthIndicator> {
    try {
      return this.moduleRef.get<HealthIndicator>(token, { strict: false });
    } catch (err) {
      if (typeof token === 'function') {
        return this.moduleRef.create(token as Type<HealthIndicator>);
      }
      throw err;
    }
  }

  /** Log changes only: probes run every few seconds and a steady state is not news. */
  private logTransition(name: string, status: string): void {
    const previous = this.lastStatus.get(name);
    this.lastStatus.set(name, status);
    if (previous === status || (previous === undefined && status === 'up')) {
      return;
    }
    if (status === 'up') {
      this.logger.log('health check recovered', { check: name });
    } else {
      this.logger.warn('health check failing', { check: name, status });
    }
  }
}

function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  const masked = maskUrlCredentials(text.replace(/\s+/g, ' ').trim());
  return masked.length > MAX_REASON_LENGTH ? `${masked.slice(0, MAX_REASON_LENGTH)}…` : masked;
}
