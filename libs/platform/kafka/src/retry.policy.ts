/**
 * Capped exponential backoff with "equal jitter": a delay between half the ceiling and the ceiling,
 * the ceiling doubling per attempt from `initialMs` up to `maxMs`. Pure, so it is unit-tested.
 */
export interface BackoffSettings {
  initialMs: number;
  maxMs: number;
}

export function backoffDelay(
  attempt: number,
  settings: BackoffSettings,
  random = Math.random,
): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type FailureDecision = 'retry-forever' | 'retry' | 'dead-letter';

/**
 * Transient failures (infrastructure down) are retried until they pass: dead-lettering them would
 * throw away good events during an outage. Other failures are retried `maxAttempts` times in case
 * they were transient after all, then dead-lettered so the partition keeps flowing.
 */
export function decideOnFailure(
  transient: boolean,
  attempt: number,
  maxAttempts: number,
): FailureDecision {
  if (transient) return 'retry-forever';
  return attempt < maxAttempts ? 'retry' : 'dead-letter';
}
