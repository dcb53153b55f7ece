/**
 * Redis connection options of every bull queue. Bull's own reconnect waits e^n ms before the n-th
 * attempt, up to 20 s: after an outage of a few seconds a process went on failing to queue for
 * 7 s more once Redis was back (and up to 20 s after a longer one), its notifications waiting for
 * their lease meanwhile (tests/served/queue-faults.test.ts). An attempt costs one TCP connect, so
 * this one tries every 0.2-2 s: the queues are back within 2 s of Redis.
 */
export const BULL_REDIS_OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 200, 2000),
};
