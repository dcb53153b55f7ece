import type { Core } from '@strapi/strapi';

/** Postgres' codes for "cannot serve now": shutting down, starting up, connection lost or refused, too many connections. */
const PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'SQLITE_BUSY']);
const MESSAGES =
  /Timeout acquiring a connection|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|connect ECONNREFUSED|Client has encountered a connection error|database is locked/i;
const RETRY_AFTER_SECONDS = 5;

/** Is this the database being away (restarting, unreachable, out of connections), not a bug? */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause ?? e.originalError, depth += 1) {
    if (PG_CODES.has(e.code) || NET_CODES.has(e.code) || (typeof e.message === 'string' && MESSAGES.test(e.message))) return true;
  }
  return false;
}

/**
 * Inside Strapi's error middleware (config/middlewares.ts): a request that failed because the
 * database is away is a 503 with Retry-After — the client may try again, and nothing it sent was
 * half-written (each write is one transaction) — not a 500 with a stack. Everything else goes on
 * to Strapi's error handling unchanged.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<unknown>) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.warn(
        `scrm-tickets: ${ctx.method} ${ctx.path} answered 503: the database is unavailable (${String((error as Error).message)
          .split('\n')[0]
          .slice(0, 200)})`,
      );
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The service is temporarily unavailable: try again shortly', details: {} } };
    }
  };
