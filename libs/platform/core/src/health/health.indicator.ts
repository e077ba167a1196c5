/**
 * One dependency whose health decides readiness (Kafka producer connected, database reachable).
 * `check()` resolves when healthy and rejects with a short, non-sensitive reason otherwise. It
 * should be cheap; the caller bounds it with a timeout and runs all indicators in parallel.
 */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}
