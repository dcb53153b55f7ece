import type { CallerKind, LimitClass } from './limit-config';

/** Whose count a request goes to. */
export interface Caller {
  kind: CallerKind;
  id: string;
}

/** A source key as the intake routes name them; anything else counts as one unknown source (bounded keys). */
const SOURCE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The caller of a request once Strapi has authenticated it (route middlewares run after that):
 * a users-permissions user is a customer, an API token an integration, an admin nobody (staff are
 * not limited). Without credentials — a public route, or the users-permissions Public role — a
 * WeCom member session counts per member, anything else per client IP; intake webhooks per
 * source and IP. `memberOf` reads a member session without the database.
 */
export function callerOf(ctx: any, limitClass: LimitClass, memberOf: (ctx: any) => number | null): Caller | null {
  const auth = ctx.state?.auth;
  const strategy: string | undefined = auth?.strategy?.name;
  if (auth?.credentials) {
    if (strategy === 'users-permissions') return { kind: 'customer', id: String(auth.credentials.id) };
    if (strategy === 'api-token' || strategy === 'content-api-token') return { kind: 'apiToken', id: String(auth.credentials.id) };
    return null;
  }
  const member = memberOf(ctx);
  if (member !== null) return { kind: 'member', id: String(member) };
  const ip = String(ctx.request?.ip || 'unknown');
  if (limitClass === 'intake') {
    const source = String(ctx.params?.sourceKey ?? '');
    return { kind: 'ip', id: `${SOURCE_KEY.test(source) ? source : '?'}@${ip}` };
  }
  return { kind: 'ip', id: ip };
}
