import { createRateLimits } from '../rate-limits';
import type { Recipient } from '../../notifications/types';

const staff = (wecomUserId: string): Recipient => ({ kind: 'staff', id: 1, name: 'x', locale: 'zh-Hans', wecomUserId });

describe('provider rate limits (in memory)', () => {
  it('lets messages through up to the per-recipient limit, then says how long to wait', async () => {
    const limits = createRateLimits({ wecom: { perRecipient: { points: 2, duration: 60 } } });
    expect(await limits.wait('wecom', 'app1', staff('a'))).toBe(0);
    expect(await limits.wait('wecom', 'app1', staff('a'))).toBe(0);
    const wait = await limits.wait('wecom', 'app1', staff('a'));
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    // Another member, or the same userid of another app, has a budget of their own.
    expect(await limits.wait('wecom', 'app1', staff('b'))).toBe(0);
    expect(await limits.wait('wecom', 'app2', staff('a'))).toBe(0);
  });

  it('counts every message of an app against its per-app limit', async () => {
    const limits = createRateLimits({ sms: { perApp: { points: 3, duration: 1 } } });
    const to = (mobile: string): Recipient => ({ kind: 'customer', id: 1, name: 'x', locale: 'zh-Hans', mobile });
    const waits = [];
    for (const m of ['13900000001', '13900000002', '13900000003', '13900000004']) waits.push(await limits.wait('sms', 'acct', to(m)));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
  });

  it('leaves channels without limits alone', async () => {
    const limits = createRateLimits({});
    for (let i = 0; i < 50; i += 1) expect(await limits.wait('email', 'smtp', { kind: 'customer', id: 1, name: 'x', locale: 'zh-Hans', email: 'a@b.c' })).toBe(0);
  });
});
