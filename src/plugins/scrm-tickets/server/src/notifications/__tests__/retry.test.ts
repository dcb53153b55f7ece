import fc from 'fast-check';
import { backoffMs, DEFAULT_RETRY, nextStep } from '../retry';

describe('retry', () => {
  it('backs off exponentially with jitter inside [base, min(max, base·2^(n-1))]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
        const ms = backoffMs(n, DEFAULT_RETRY, () => r);
        const ceiling = Math.min(DEFAULT_RETRY.maxMs, DEFAULT_RETRY.baseMs * 2 ** (n - 1));
        return ms >= DEFAULT_RETRY.baseMs && ms <= ceiling;
      })
    );
    expect(backoffMs(4, DEFAULT_RETRY, () => 1)).toBe(16_000);
    expect(backoffMs(40, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxMs);
  });

  it('retries transient failures until the channel budget is spent, then falls back or dies', () => {
    const policy = { attemptsPerChannel: 3, baseMs: 1000, maxMs: 60_000 };
    expect(nextStep({ kind: 'transient', channelAttempts: 1, hasNextChannel: true, policy, random: () => 0 })).toEqual({ kind: 'retry', delayMs: 1000 });
    expect(nextStep({ kind: 'transient', channelAttempts: 3, hasNextChannel: true, policy })).toEqual({ kind: 'fallback' });
    expect(nextStep({ kind: 'transient', channelAttempts: 3, hasNextChannel: false, policy })).toEqual({ kind: 'dead' });
  });

  it('goes straight to the next channel on a permanent failure', () => {
    const policy = DEFAULT_RETRY;
    expect(nextStep({ kind: 'permanent', channelAttempts: 1, hasNextChannel: true, policy })).toEqual({ kind: 'fallback' });
    expect(nextStep({ kind: 'permanent', channelAttempts: 1, hasNextChannel: false, policy })).toEqual({ kind: 'dead' });
  });

  it('waits out a rate limit for as long as the provider says', () => {
    expect(nextStep({ kind: 'rate_limited', channelAttempts: 1, hasNextChannel: true, retryAfterMs: 60_000, policy: DEFAULT_RETRY })).toEqual({ kind: 'retry', delayMs: 60_000 });
  });
});
