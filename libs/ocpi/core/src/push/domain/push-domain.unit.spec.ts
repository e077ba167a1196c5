import { pushRetryDelayMs } from './push-backoff';
import { classifyPushResponse } from './push-outcome.classifier';

describe('classifyPushResponse', () => {
  it.each([
    [{ httpStatus: 200, ocpiStatus: 1000 }, 'delivered'],
    [{ httpStatus: 201, ocpiStatus: 1000 }, 'delivered'],
    [{}, 'retry'],
    [{ httpStatus: 500 }, 'retry'],
    [{ httpStatus: 503, ocpiStatus: 3000 }, 'retry'],
    [{ httpStatus: 404 }, 'retry'],
    [{ httpStatus: 408 }, 'retry'],
    [{ httpStatus: 429 }, 'retry'],
    [{ httpStatus: 200, ocpiStatus: 3001 }, 'retry'],
    [{ httpStatus: 400, ocpiStatus: 2001 }, 'failed'],
    [{ httpStatus: 401 }, 'failed'],
    [{ httpStatus: 405 }, 'failed'],
    [{ httpStatus: 200, ocpiStatus: 2003 }, 'failed'],
    [{ httpStatus: 200 }, 'failed'],
    [{ httpStatus: 302 }, 'failed'],
  ] as const)('Given the answer %j, When classified, Then it is %s', (answer, verdict) => {
    expect(classifyPushResponse(answer)).toBe(verdict);
  });
});

describe('pushRetryDelayMs', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('Given the first failure, When the delay is drawn, Then it is between base/2 and base', () => {
    expect(pushRetryDelayMs(1, policy, () => 0)).toBe(500);
    expect(pushRetryDelayMs(1, policy, () => 1)).toBe(1_000);
  });

  it('Given more failures, When the delay is drawn, Then it doubles up to the cap', () => {
    expect(pushRetryDelayMs(3, policy, () => 1)).toBe(4_000);
    expect(pushRetryDelayMs(7, policy, () => 1)).toBe(60_000);
    expect(pushRetryDelayMs(500, policy, () => 1)).toBe(60_000);
    expect(pushRetryDelayMs(500, policy, () => 0)).toBe(30_000);
  });

  it('Given random draws, When delays are drawn, Then they spread over the jitter window', () => {
    const draws = new Set(Array.from({ length: 50 }, () => pushRetryDelayMs(4, policy)));
    expect(draws.size).toBeGreaterThan(10);
    for (const d of draws) {
      expect(d).toBeGreaterThanOrEqual(4_000);
      expect(d).toBeLessThanOrEqual(8_000);
    }
  });
});
