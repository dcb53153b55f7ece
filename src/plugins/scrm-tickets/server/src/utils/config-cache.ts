import type { Core } from '@strapi/strapi';

/**
 * A per-instance cache of something built from a configuration type (the compiled routing rules,
 * the SLA policies). Rebuilt when the type's row count or latest `updatedAt` changes; that key is
 * read at most once per `ttlMs`, so a burst of tickets costs no extra queries, an edit made on
 * this instance is seen at once (the write middlewares call `invalidate`), and one made on
 * another instance within `ttlMs`.
 */
export function createConfigCache<T>(strapi: Core.Strapi, uid: string, build: () => Promise<T>, ttlMs = 1000) {
  let entry: { key: string; value: T; checkedAt: number } | null = null;

  // One query, inside the caller's transaction when there is one: strapi.db.transaction reuses
  // it, where a bare knex query would take a second connection (and wait forever on SQLite).
  const versionKey = () =>
    strapi.db.transaction(async ({ trx }) => {
      const table = strapi.db.metadata.get(uid as any).tableName;
      const [row]: any[] = await strapi.db.connection(table).transacting(trx).count({ n: '*' }).max({ at: 'updated_at' });
      return `${Number(row.n)}:${row.at ? new Date(row.at).getTime() : 0}`;
    });

  return {
    async get(): Promise<T> {
      const now = Date.now();
      if (entry && now - entry.checkedAt < ttlMs) return entry.value;
      const key = await versionKey();
      if (entry?.key !== key) entry = { key, value: await build(), checkedAt: now };
      else entry.checkedAt = now;
      return entry.value;
    },
    invalidate() {
      entry = null;
    },
  };
}
