import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createLimitStore } from '../limit-store';

// The counting itself: in memory, and in the real Redis of the machine (127.0.0.1:6379) under a
// key prefix of this run's own.
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const counters = (url = REDIS_URL) => new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
const ready = (client: Redis) => new Promise<void>((resolve, reject) => (client.status === 'ready' ? resolve() : client.once('ready', resolve).once('error', reject)));

describe('request limit counts', () => {
  it('allows up to the points of every window, then refuses with the time left of the full one', async () => {
    const store = createLimitStore({ prefix: 't' });
    const budget = [
      { points: 100, duration: 3600 },
      { points: 2, duration: 60 },
    ];
    const first = await store.consume('customer.create', budget, 'a');
    expect(first).toMatchObject({ allowed: true, remaining: 1, window: { points: 2, duration: 60 } });
    expect((await store.consume('customer.create', budget, 'a'))!.allowed).toBe(true);
    const refused = (await store.consume('customer.create', budget, 'a'))!;
    expect(refused).toMatchObject({ allowed: false, remaining: 0, window: { points: 2, duration: 60 } });
    expect(refused.resetMs).toBeGreaterThan(55_000);
    expect(refused.resetMs).toBeLessThanOrEqual(60_000);
    // Another caller, or another scope of the same caller, has its own count.
    expect((await store.consume('customer.create', budget, 'b'))!.allowed).toBe(true);
    expect((await store.consume('customer.read', budget, 'a'))!.allowed).toBe(true);
    expect(await store.consume('customer.read', [], 'a')).toBeNull();
  });

  it('does not spend the long window on a request the short one refused', async () => {
    const store = createLimitStore({ prefix: 't' });
    const budget = [
      { points: 3, duration: 3600 },
      { points: 1, duration: 60 },
    ];
    await store.consume('s', budget, 'k');
    for (let i = 0; i < 5; i += 1) expect((await store.consume('s', budget, 'k'))!.allowed).toBe(false);
    // Two of the hour's three are still there for the next minute: the refusals did not take them.
    const verdict = await store.consume('s', [{ points: 3, duration: 3600 }], 'k');
    expect(verdict).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('shares one count between two stores (two instances) on the same Redis', async () => {
    const prefix = `scrm-test-${randomUUID()}`;
    const [a, b] = [counters(), counters()];
    try {
      await Promise.all([ready(a), ready(b)]);
      const one = createLimitStore({ redis: a, prefix });
      const two = createLimitStore({ redis: b, prefix });
      const budget = [{ points: 3, duration: 60 }];
      expect((await one.consume('customer.create', budget, '42'))!.remaining).toBe(2);
      expect((await two.consume('customer.create', budget, '42'))!.remaining).toBe(1);
      expect((await one.consume('customer.create', budget, '42'))!.remaining).toBe(0);
      expect((await two.consume('customer.create', budget, '42'))!.allowed).toBe(false);
      expect(await a.get(`${prefix}:customer.create:60:42`)).toBe('4');
      expect(await a.pttl(`${prefix}:customer.create:60:42`)).toBeGreaterThan(55_000);
    } finally {
      const keys = await a.keys(`${prefix}:*`);
      if (keys.length) await a.del(...keys);
      a.disconnect();
      b.disconnect();
    }
  });

  it('counts in memory, and still limits, when Redis is not there (a closed port)', async () => {
    const client = counters('redis://127.0.0.1:1');
    client.on('error', () => undefined);
    try {
      const store = createLimitStore({ redis: client, prefix: 'down' });
      const budget = [{ points: 2, duration: 60 }];
      const started = Date.now();
      const verdicts = [];
      for (let i = 0; i < 3; i += 1) verdicts.push((await store.consume('customer.create', budget, 'x'))!.allowed);
      expect(verdicts).toEqual([true, true, false]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      client.disconnect();
    }
  });
});
