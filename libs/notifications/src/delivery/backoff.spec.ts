import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 6, initialDelayMs: 500, maxDelayMs: 4000 };

  it('doubles from the initial wait and stops at the cap', () => {
    expect([2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([
      500, 1000, 2000, 4000, 4000, 4000,
    ]);
  });

  it('has no wait before the first attempt', () => {
    expect(() => backoffDelayMs(1, policy)).toThrow(RangeError);
  });
});
