import type { Core } from '@strapi/strapi';
import { COUNTER_TABLE, PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import { businessDay, formatTicketNumber } from '../utils/ticket-number';
import { rowsOf } from '../utils/raw';

// One atomic statement on both Postgres and SQLite (>= 3.35): concurrent callers serialise on the
// counter row and each gets its own value. A rolled-back ticket leaves a gap, never a duplicate.
const UPSERT = `INSERT INTO ${COUNTER_TABLE} (scope, value) VALUES (?, ?)
ON CONFLICT (scope) DO UPDATE SET value = ${COUNTER_TABLE}.value + excluded.value
RETURNING value`;

const readValue = (result: any): number => Number(rowsOf(result)[0]?.value);

const createNumberingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The next ticket number of the business day of `at`. Called before the ticket's own
   * transaction opens, so it runs as one autocommit statement and the counter row is locked for
   * that statement only, not a whole create. Inside a caller's transaction it joins that
   * transaction (a single SQLite connection would otherwise wait on itself).
   */
  async next(at: Date = new Date()): Promise<string> {
    return (await this.block(1, at))[0];
  },

  /**
   * `count` consecutive numbers of the business day of `at` in one statement (a batch intake):
   * the counter moves by `count` at once, so no other caller's number falls between them.
   */
  async block(count: number, at: Date = new Date()): Promise<string[]> {
    const { numberPrefix, timezone } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    const day = businessDay(at, timezone);
    const bindings = [`${numberPrefix}${day}`, count];
    const last = strapi.db.inTransaction()
      ? await strapi.db.transaction(async ({ trx }) => readValue(await trx.raw(UPSERT, bindings)))
      : readValue(await strapi.db.connection.raw(UPSERT, bindings));
    return Array.from({ length: count }, (_, i) => formatTicketNumber(numberPrefix, day, last - count + 1 + i));
  },
});

export type NumberingService = ReturnType<typeof createNumberingService>;
export default createNumberingService;
