import { randomUUID } from 'node:crypto';

/** An id a caller (a proxy, another service) may hand us to follow one request across services. */
const GIVEN_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Every request gets an id — the caller's `X-Request-Id` when it is a sane one, else a new UUID —
 * kept in `ctx.state.requestId`, sent back as `X-Request-Id`, and put on every log line written
 * while the request runs (log-format.ts reads it through Strapi's request context).
 */
export async function requestId(ctx: any, next: () => Promise<unknown>) {
  const given = ctx.get('x-request-id');
  const id = GIVEN_ID.test(given) ? given : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  await next();
}
