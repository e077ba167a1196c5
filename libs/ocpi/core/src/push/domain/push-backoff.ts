/** Retry delays of the push worker: exponential with full jitter, capped. Pure. */
export interface PushBackoffPolicy {
  /** Delay scale of the first retry (ms). */
  baseMs: number;
  /** No delay exceeds this (ms). */
  capMs: number;
}

export const DEFAULT_PUSH_BACKOFF: PushBackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

/**
 * Delay before attempt `attempts + 1` after `attempts` failed ones (attempts ≥ 1): a uniformly
 * random value in [ceiling / 2, ceiling] where ceiling = min(cap, base · 2^(attempts − 1)). The
 * lower half keeps a floor (a down partner is not hammered), the random half spreads replicas and
 * objects apart so a recovering partner is not hit by every retry at once.
 */
export function pushRetryDelayMs(
  attempts: number,
  policy: PushBackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
