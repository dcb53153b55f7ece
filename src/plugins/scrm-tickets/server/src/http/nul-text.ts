// Text holding U+0000 refused at the door, with its path.
import { errors } from '@strapi/utils';

type Path = (string | number)[];

/** Where the first string holding U+0000 is, in a parsed JSON body (keys included), or null. */
export function nulPath(value: unknown, path: Path = []): Path | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = nulPath(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const UNPARSED = Symbol.for('unparsedBody');

const refuse = (path: Path) => {
  throw new errors.ValidationError('Text cannot hold the NUL character (U+0000)', {
    errors: [{ path, message: 'cannot hold the NUL character (U+0000)', name: 'ValidationError' }],
  });
};

/**
 * After the body parser (config/middlewares.ts): Postgres cannot store U+0000 in text or jsonb,
 * so a ticket, comment or any record carrying it failed deep in a write as a 500 (SQLite stored
 * it). Refused on every route and both databases — in the query string as in the body — as a
 * 400 naming the first place it occurs; nothing is written. JSON can only carry it as the
 * escape `\u0000`, so the raw body is searched for that first (one native scan) and the parsed
 * body walked only when it is there.
 */
export default () => async (ctx: any, next: () => Promise<unknown>) => {
  // The query string too: a filter on text holding it fails in the database the same way.
  const inQuery = ctx.querystring?.includes('%00') ? nulPath(ctx.query) : null;
  if (inQuery) refuse(inQuery);
  const body = ctx.request?.body;
  if (body && typeof body === 'object') {
    const raw = body[UNPARSED];
    if (typeof raw !== 'string' || raw.includes('\\u0000')) {
      const path = nulPath(body);
      if (path) refuse(path);
    }
  } else if (typeof body === 'string' && body.includes('\u0000')) {
    refuse([]);
  }
  await next();
};
