// The counting behind the request limits: rate-limiter-flexible's fixed windows, in Redis when the
// app has one (every instance shares one count per caller) with an in-memory limiter as insurance
// while Redis is away, else in this process (the embedded demo).
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Limit } from '../channels/rate-limits';
import type { Budget } from './limit-config';

/** The window a request was counted in that has least room left (the one that refused it, if any). */
export interface Verdict {
  allowed: boolean;
  window: Limit;
  remaining: number;
  /** Until that window starts over. */
  resetMs: number;
}

export interface LimitStoreOptions {
  /** An ioredis client (no offline queue: a count never waits for a Redis that is away). */
  redis?: unknown;
  /** Starts every Redis key: apps (or test runs) sharing one Redis keep apart. */
  prefix: string;
}

export function createLimitStore({ redis, prefix }: LimitStoreOptions) {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterOf = (name: string, window: Limit) => {
    const id = `${name}:${window.duration}:${window.points}`;
    let found = limiters.get(id);
    if (!found) {
      // The key names the window, not its points: a changed limit keeps counting the same window.
      const opts = { keyPrefix: `${prefix}:${name}:${window.duration}`, points: window.points, duration: window.duration };
      found = redis
        ? new RateLimiterRedis({
            ...opts,
            storeClient: redis,
            // Redis not connected: count in memory at once rather than wait for it.
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory(opts),
            // A caller over the limit is refused from memory until the window ends: a flood of
            // refused requests costs Redis nothing.
            inMemoryBlockOnConsumed: window.points + 1,
          })
        : new RateLimiterMemory(opts);
      limiters.set(id, found);
    }
    return found;
  };

  return {
    /**
     * Counts one request of `key` in every window of the budget, the shortest first, and stops at
     * the first that is full (a request refused by the minute does not spend the day). Null for an
     * empty budget.
     */
    async consume(name: string, budget: Budget, key: string): Promise<Verdict | null> {
      let tightest: Verdict | null = null;
      for (const window of [...budget].sort((a, b) => a.duration - b.duration)) {
        try {
          const res = await limiterOf(name, window).consume(key);
          if (!tightest || res.remainingPoints < tightest.remaining) tightest = { allowed: true, window, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
        } catch (rejected) {
          if (!(rejected instanceof RateLimiterRes)) throw rejected;
          return { allowed: false, window, remaining: 0, resetMs: Math.max(1, rejected.msBeforeNext) };
        }
      }
      return tightest;
    },
  };
}

export type LimitStore = ReturnType<typeof createLimitStore>;
