// Provider limits kept on our side, so a burst is spread out instead of dropped: WeCom silently
// drops app messages beyond 30 a minute to one member (../shared/wecom.md §3), Tencent Cloud SMS
// refuses a number texted too often. rate-limiter-flexible counts, in Redis when there is one
// (shared by every instance and worker; in memory if Redis is away), else in this process.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Channel, Recipient } from '../notifications/types';

export interface Limit {
  points: number;
  /** Seconds. */
  duration: number;
}

export interface ChannelLimits {
  /** Every message of the app / account. */
  perApp?: Limit | null;
  /** Messages to one person. */
  perRecipient?: Limit | null;
}

export type RateLimitsConfig = Partial<Record<Channel, ChannelLimits>>;

export const DEFAULT_RATE_LIMITS: RateLimitsConfig = {
  // WeCom: 30 app messages a minute to one member; 10,000 calls a minute to one API per corp.
  wecom: { perApp: { points: 10_000, duration: 60 }, perRecipient: { points: 30, duration: 60 } },
  // Tencent Cloud SMS's default frequency limit: 5 texts an hour to one number.
  sms: { perApp: { points: 1000, duration: 1 }, perRecipient: { points: 5, duration: 3600 } },
  email: { perRecipient: { points: 60, duration: 3600 } },
};

const addressOf = (channel: Channel, r: Recipient) =>
  channel === 'wecom' ? (r.wecomUserId ?? r.externalUserId) : channel === 'sms' ? r.mobile : r.email;

export function createRateLimits(config: RateLimitsConfig, redis?: unknown) {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (name: string, limit: Limit) => {
    const key = `${name}:${limit.points}/${limit.duration}`;
    let found = limiters.get(key);
    if (!found) {
      const opts = { keyPrefix: `scrm-rl-${name}`, points: limit.points, duration: limit.duration };
      found = redis
        ? new RateLimiterRedis({ ...opts, storeClient: redis, insuranceLimiter: new RateLimiterMemory(opts) })
        : new RateLimiterMemory(opts);
      limiters.set(key, found);
    }
    return found;
  };

  return {
    /** 0 when a message may go now, else how many ms to wait (nothing is counted then). */
    async wait(channel: Channel, app: string, recipient: Recipient): Promise<number> {
      const limits = config[channel];
      if (!limits) return 0;
      const checks: [RateLimiterAbstract, string][] = [];
      if (limits.perApp) checks.push([limiter(`${channel}-app`, limits.perApp), app]);
      const address = addressOf(channel, recipient);
      if (limits.perRecipient && address) checks.push([limiter(`${channel}-to`, limits.perRecipient), `${app}:${address}`]);
      for (const [rl, key] of checks) {
        try {
          await rl.consume(key);
        } catch (rejected: any) {
          if (typeof rejected?.msBeforeNext !== 'number') throw rejected;
          return Math.max(1, rejected.msBeforeNext);
        }
      }
      return 0;
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
