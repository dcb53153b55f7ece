import { budgetOf, checkRequestLimits, DEFAULT_REQUEST_LIMITS, resolveRequestLimits } from '../limit-config';
import { limitClassOf, REQUEST_LIMIT_MIDDLEWARE, withRequestLimits } from '../route-limits';
import { callerOf } from '../caller';

describe('request limit settings', () => {
  it('lays a configured class over the defaults, replacing its windows, and keeps the rest', () => {
    const limits = resolveRequestLimits({ customer: { create: [{ points: 3, duration: 60 }] } });
    expect(limits.customer.create).toEqual([{ points: 3, duration: 60 }]);
    expect(limits.customer.read).toEqual(DEFAULT_REQUEST_LIMITS.customer.read);
    expect(limits.ip).toEqual(DEFAULT_REQUEST_LIMITS.ip);
    expect(limits.enabled).toBe(true);
  });

  it('falls back to the general write or read budget, and [] means not limited', () => {
    const limits = resolveRequestLimits({ apiToken: { write: [{ points: 5, duration: 1 }] }, customer: { comment: [] } });
    expect(budgetOf(limits, 'apiToken', 'create')).toEqual([{ points: 5, duration: 1 }]);
    expect(budgetOf(limits, 'apiToken', 'read')).toEqual([]);
    expect(budgetOf(limits, 'customer', 'comment')).toEqual([]);
    expect(budgetOf(limits, 'member', 'comment')).toEqual(DEFAULT_REQUEST_LIMITS.member.write);
  });

  it('refuses settings it cannot use, naming the path', () => {
    expect(() => checkRequestLimits({ customer: { create: [{ points: 0, duration: 60 }] } })).toThrow('requestLimits.customer.create[0].points');
    expect(() => checkRequestLimits({ customer: { create: [{ points: 1, duration: 0.5 }] } })).toThrow('requestLimits.customer.create[0].duration');
    expect(() => checkRequestLimits({ customers: {} })).toThrow('requestLimits.customers is not one of');
    expect(() => checkRequestLimits({ ip: { signin: [] } })).toThrow('requestLimits.ip.signin is not one of');
    expect(() => checkRequestLimits({ ip: { read: { points: 1, duration: 1 } } })).toThrow('must be a list');
    expect(() => checkRequestLimits({ enabled: 'no' })).toThrow('requestLimits.enabled');
    expect(() => checkRequestLimits(undefined)).not.toThrow();
    expect(() => checkRequestLimits({ enabled: false, customer: { read: [] }, apiToken: { write: [{ points: 600, duration: 60 }] } })).not.toThrow();
  });
});

describe('which routes are limited, and how', () => {
  it('classes listed handlers, defaults the rest by method, and leaves the probes alone', () => {
    expect(limitClassOf({ method: 'POST', handler: 'ticket.create' })).toBe('create');
    expect(limitClassOf({ method: 'POST', handler: 'ticket.rate' })).toBe('write');
    expect(limitClassOf({ method: 'GET', handler: 'ticket.find' })).toBe('read');
    expect(limitClassOf({ method: 'POST', handler: 'ticket.batch' })).toBe('create');
    expect(limitClassOf({ method: 'GET', handler: 'health.ready' })).toBe('none');
    expect(limitClassOf({ method: 'POST', handler: 'content-api.upload' }, 'upload')).toBe('upload');
  });

  it('puts the limit first among a route’s middlewares, once', () => {
    const other = { name: 'global::x' };
    const routes = withRequestLimits([
      { method: 'POST', handler: 'ticket.create', config: { middlewares: [other] } },
      { method: 'GET', handler: 'health.health', config: { auth: false } },
    ]);
    withRequestLimits(routes);
    expect(routes[0].config!.middlewares).toEqual([{ name: REQUEST_LIMIT_MIDDLEWARE, config: { class: 'create' } }, other]);
    expect(routes[1].config).toEqual({ auth: false });
  });
});

describe('who is counted', () => {
  const ctx = (auth: unknown, extra: Record<string, unknown> = {}) => ({ state: { auth }, request: { ip: '203.0.113.9' }, params: {}, ...extra });
  const noMember = () => null;

  it('counts customers and tokens by id, and never admins', () => {
    expect(callerOf(ctx({ strategy: { name: 'users-permissions' }, credentials: { id: 7 } }), 'create', noMember)).toEqual({ kind: 'customer', id: '7' });
    expect(callerOf(ctx({ strategy: { name: 'api-token' }, credentials: { id: 3 } }), 'create', noMember)).toEqual({ kind: 'apiToken', id: '3' });
    expect(callerOf(ctx({ strategy: { name: 'admin' }, credentials: { id: 1 } }), 'create', noMember)).toBeNull();
  });

  it('counts public callers by member session, else by IP, and webhooks by source and IP', () => {
    expect(callerOf(ctx(undefined), 'read', () => 12)).toEqual({ kind: 'member', id: '12' });
    // The users-permissions Public role: authenticated without credentials.
    expect(callerOf(ctx({ strategy: { name: 'users-permissions' }, credentials: null }), 'read', noMember)).toEqual({ kind: 'ip', id: '203.0.113.9' });
    expect(callerOf(ctx(undefined, { params: { sourceKey: 'tmall' } }), 'intake', noMember)).toEqual({ kind: 'ip', id: 'tmall@203.0.113.9' });
    // A made-up source key of any shape does not make keys of any shape.
    expect(callerOf(ctx(undefined, { params: { sourceKey: '../..\u0000'.repeat(30) } }), 'intake', noMember)).toEqual({ kind: 'ip', id: '?@203.0.113.9' });
  });
});
