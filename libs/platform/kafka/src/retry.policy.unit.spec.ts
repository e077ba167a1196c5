import { backoffDelay, decideOnFailure } from './retry.policy';

describe('backoffDelay', () => {
  const settings = { initialMs: 100, maxMs: 1_000 };

  it('doubles the ceiling per attempt from initialMs, capped at maxMs', () => {
    const top = (attempt: number) => backoffDelay(attempt, settings, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, settings, () => 0)).toBe(200);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(300);
    expect(backoffDelay(3, settings, () => 0.999_999)).toBe(400);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, settings);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('treats attempt 0 or below as the first attempt', () => {
    expect(backoffDelay(0, settings, () => 1)).toBe(100);
    expect(backoffDelay(-3, settings, () => 1)).toBe(100);
  });

  it('stays finite and capped for very high attempt counts', () => {
    expect(backoffDelay(5_000, settings, () => 1)).toBe(1_000);
    expect(backoffDelay(5_000, settings, () => 0)).toBe(500);
  });

  it('never exceeds maxMs when initialMs is above it', () => {
    expect(backoffDelay(1, { initialMs: 5_000, maxMs: 300 }, () => 1)).toBe(300);
  });
});

describe('decideOnFailure', () => {
  it('retries transient failures forever, whatever the attempt count', () => {
    for (const attempt of [1, 3, 4, 1_000]) {
      expect(decideOnFailure(true, attempt, 3)).toBe('retry-forever');
    }
  });

  it('retries other failures until maxAttempts, then dead-letters', () => {
    expect(decideOnFailure(false, 1, 3)).toBe('retry');
    expect(decideOnFailure(false, 2, 3)).toBe('retry');
    expect(decideOnFailure(false, 3, 3)).toBe('dead-letter');
    expect(decideOnFailure(false, 7, 3)).toBe('dead-letter');
  });

  it('dead-letters at the first failure with maxAttempts 1', () => {
    expect(decideOnFailure(false, 1, 1)).toBe('dead-letter');
  });
});
