// Where WeCom access tokens (and jsapi tickets) live between calls. In this process by default;
// in Redis when there is one, so every instance and worker shares one token per app and one
// refresh runs at a time across them all (wecom.md §3 and §7.6: racing refreshes clobber each
// other's tokens and gettoken is rate limited).
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { DeliveryError } from '../../notifications/types';

export interface Fetched {
  value: string;
  /** How long the value may be used: WeCom's expires_in less a safety margin. */
  ttlMs: number;
}

export interface TokenCache {
  get(key: string): Promise<string | null>;
  /** The cached value, or one fetched by a single caller (here and, with Redis, everywhere). */
  refresh(key: string, fetch: () => Promise<Fetched>): Promise<string>;
  /** Forgets `value` if it is still the cached one (another caller may already hold a newer). */
  drop(key: string, value: string): Promise<void>;
}

/** One process: a map and one fetch in flight per key. */
export function memoryTokenCache(now: () => number = Date.now): TokenCache {
  const values = new Map<string, { value: string; until: number }>();
  const inFlight = new Map<string, Promise<string>>();
  const get = async (key: string) => {
    const hit = values.get(key);
    return hit && hit.until > now() ? hit.value : null;
  };
  return {
    get,
    refresh(key, fetch) {
      let running = inFlight.get(key);
      if (!running) {
        running = (async () => {
          const cached = await get(key);
          if (cached) return cached;
          const fetched = await fetch();
          values.set(key, { value: fetched.value, until: now() + fetched.ttlMs });
          return fetched.value;
        })().finally(() => inFlight.delete(key));
        inFlight.set(key, running);
      }
      return running;
    },
    async drop(key, value) {
      if (values.get(key)?.value === value) values.delete(key);
    },
  };
}

const LOCK_MS = 10_000;
const WAIT_STEP_MS = 50;
// Deletes a key only while it holds the given value: a lock we no longer own, or a token
// someone else already replaced, is left alone.
const DELETE_IF = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Shared through Redis: `<prefix>:<key>` holds the value with its TTL; a refresh takes
 * `<prefix>:<key>:lock` (SET NX PX) and the others wait for the value to appear. If Redis is
 * away the process falls back to its own cache: a message must not fail because the cache did.
 */
export function redisTokenCache(redis: Redis, prefix: string, onError: (error: Error) => void = () => {}): TokenCache {
  const local = memoryTokenCache();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const inFlight = new Map<string, Promise<string>>();

  async function shared(key: string, fetch: () => Promise<Fetched>): Promise<string> {
    const name = `${prefix}:${key}`;
    const owner = randomUUID();
    for (const giveUpAt = Date.now() + LOCK_MS; Date.now() < giveUpAt; ) {
      const cached = await redis.get(name);
      if (cached) return cached;
      if ((await redis.set(`${name}:lock`, owner, 'PX', LOCK_MS, 'NX')) === 'OK') {
        try {
          const again = await redis.get(name); // refreshed between our read and our lock
          if (again) return again;
          const fetched = await fetch();
          await redis.set(name, fetched.value, 'PX', Math.max(1, fetched.ttlMs));
          return fetched.value;
        } finally {
          await redis.eval(DELETE_IF, 1, `${name}:lock`, owner).catch(() => undefined);
        }
      }
      await sleep(WAIT_STEP_MS);
    }
    // The holder of the lock died or hangs: its lock expires; fetch ourselves rather than fail.
    return fetch().then(async (fetched) => {
      await redis.set(name, fetched.value, 'PX', Math.max(1, fetched.ttlMs));
      return fetched.value;
    });
  }

  return {
    async get(key) {
      try {
        return await redis.get(`${prefix}:${key}`);
      } catch (error) {
        onError(error as Error);
        return local.get(key);
      }
    },
    refresh(key, fetch) {
      let running = inFlight.get(key);
      if (!running) {
        running = shared(key, fetch)
          .catch((error) => {
            if (error instanceof DeliveryError) throw error; // WeCom's answer, not Redis's
            onError(error as Error);
            return local.refresh(key, fetch);
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, running);
      }
      return running;
    },
    async drop(key, value) {
      await local.drop(key, value);
      try {
        await redis.eval(DELETE_IF, 1, `${prefix}:${key}`, value);
      } catch (error) {
        onError(error as Error);
      }
    },
  };
}
