import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { callerOf } from './caller';
import type { LimitClass } from './limit-config';
import type { Verdict } from './limit-store';

type Counted = Verdict & { scope: string };

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const MESSAGE = 'Too many requests: try again later';

/** What a limited caller is told (Strapi's error shape, as h5-auth's SMS limit answers), with Retry-After. */
const detailsOf = (v: Counted) => ({ scope: v.scope, limit: v.window.points, windowSeconds: v.window.duration, retryAfterSeconds: secondsOf(v.resetMs) });

function setHeaders(ctx: any, v: Counted) {
  ctx.set('X-RateLimit-Limit', String(v.window.points));
  ctx.set('X-RateLimit-Remaining', String(v.remaining));
  ctx.set('X-RateLimit-Reset', String(secondsOf(v.resetMs)));
  if (!v.allowed) ctx.set('Retry-After', String(secondsOf(v.resetMs)));
}

async function count(strapi: Core.Strapi, ctx: any, limitClass: LimitClass): Promise<Counted | null> {
  const caller = callerOf(ctx, limitClass, (c) => getService('workbench', { strapi }).memberOf(c));
  return caller ? getService('request-limits', { strapi }).take(caller, limitClass) : null;
}

/**
 * The route middleware `plugin::scrm-tickets.request-limit` (http/route-limits.ts wires it): one
 * request of the caller counted in its class; over the limit a 429 before the handler runs, so a
 * refused request changes nothing. The 429 is answered here, not thrown: an error thrown past
 * Strapi's body middleware would leave an upload's temporary files behind.
 */
export default (config: { class?: LimitClass }, { strapi }: { strapi: Core.Strapi }) => {
  const limitClass: LimitClass = config?.class ?? 'read';
  return async (ctx: any, next: () => Promise<unknown>) => {
    const verdict = await count(strapi, ctx, limitClass);
    if (verdict) setHeaders(ctx, verdict);
    if (!verdict || verdict.allowed) return next();
    ctx.status = 429;
    ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: MESSAGE, details: detailsOf(verdict) } };
  };
};

/**
 * The same limit on a GraphQL resolver (graphql.ts): tickets made or read through /graphql count
 * against the same budgets as through REST. GraphQL answers errors in its body, so this throws.
 */
export const limitResolver =
  (strapi: Core.Strapi, limitClass: LimitClass) => async (next: (...args: any[]) => unknown, parent: unknown, args: unknown, context: any, info: unknown) => {
    const ctx = context?.koaContext ?? context;
    const verdict = ctx?.state ? await count(strapi, ctx, limitClass) : null;
    if (verdict && ctx.set) setHeaders(ctx, verdict);
    if (verdict && !verdict.allowed) throw new errors.RateLimitError(MESSAGE, detailsOf(verdict));
    return next(parent, args, context, info);
  };
