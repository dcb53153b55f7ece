import { timingSafeEqual } from 'node:crypto';

/** The rows of a `knex.raw` result: an array on SQLite, `{ rows }` on Postgres. */
export const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : result?.rows ?? []);

/** Two secrets compared in constant time (signatures, receiver ids): no early exit to time. */
export const sameText = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};
