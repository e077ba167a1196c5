import type { InjectionToken } from '@nestjs/common';
import type { HealthIndicator } from '@voltlane/platform-core';

export interface ProblemDetailsOptions {
  /** `type` of each problem is `${typeBaseUri}${code}`; default `urn:voltlane:problem:`. */
  typeBaseUri?: string;
  /** HTTP status for DomainError codes that do not extend a platform error class. */
  statusByCode?: Readonly<Record<string, number>>;
}

export interface ServiceModuleOptions {
  /** `session-engine`: the `service` label of every metric. */
  serviceName: string;
  /**
   * Indicators that decide `/health/ready`: classes or tokens of providers registered anywhere in
   * the app (looked up with `strict: false`; a class nobody provides is instantiated with DI).
   * Libraries can also call `HealthService.register(indicator)` themselves.
   */
  healthIndicators?: ReadonlyArray<InjectionToken<HealthIndicator>>;
  /** Budget of each indicator's `check()` (default 2000 ms). */
  readinessTimeoutMs?: number;
  /**
   * Global RFC 9457 problem+json exception filter (default on). Controllers that need another
   * envelope (OCPI) override it with their own `@UseFilters(...)`; `false` leaves the app without a
   * global filter, and controllers can opt in with `@UseFilters(ProblemDetailsFilter)`.
   */
  problemDetails?: false | ProblemDetailsOptions;
  /** Node.js default metrics (process, heap, event loop); default on. */
  defaultMetrics?: boolean;
}

export const SERVICE_MODULE_OPTIONS = Symbol('SERVICE_MODULE_OPTIONS');
export const PROBLEM_DETAILS_OPTIONS = Symbol('PROBLEM_DETAILS_OPTIONS');
