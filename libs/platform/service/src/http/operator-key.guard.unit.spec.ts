import type { ExecutionContext } from '@nestjs/common';
import { OperatorKeyGuard, OperatorKeyRejectedError } from './operator-key.guard';

const KEY = 'a-long-enough-operator-key-for-tests';

function contextWith(authorization?: string): ExecutionContext {
  return {
    switchToHttp: () => ({
      getRequest: () => ({ headers: authorization ? { authorization } : {} }),
    }),
  } as unknown as ExecutionContext;
}

describe('OperatorKeyGuard', () => {
  const guard = new OperatorKeyGuard({ ADMIN_API_KEY: KEY });

  it('accepts the configured key as a Bearer token', () => {
    expect(guard.canActivate(contextWith(`Bearer ${KEY}`))).toBe(true);
    expect(guard.canActivate(contextWith(`bearer ${KEY}`))).toBe(true);
  });

  it.each([undefined, KEY, `Bearer ${KEY}x`, `Bearer ${KEY.slice(1)}`, 'Bearer ', `Basic ${KEY}`])(
    'rejects %p with PLATFORM.UNAUTHORIZED',
    (header) => {
      expect(() => guard.canActivate(contextWith(header))).toThrow(OperatorKeyRejectedError);
      try {
        guard.canActivate(contextWith(header));
      } catch (err) {
        expect((err as OperatorKeyRejectedError).code).toBe('PLATFORM.UNAUTHORIZED');
      }
    },
  );

  it('rejects everything when no key is configured', () => {
    const unconfigured = new OperatorKeyGuard({});
    expect(() => unconfigured.canActivate(contextWith('Bearer anything'))).toThrow(
      OperatorKeyRejectedError,
    );
  });
});
