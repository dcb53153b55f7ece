// Outbox rows whose lease ran out come back to `pending`. A `queued` row's job was lost (Redis
// restarted empty, or never took it): nothing was tried, so it is simply due again. A `sending`
// row was claimed by a process that died or hung in the middle of a send, and whether the
// provider took the message is unknown — a worker killed after an SMTP server's 250 and before
// the row was marked leaves exactly this. So that attempt is counted and logged (`interrupted`)
// before the row goes out again: a second delivery is then on the row, for whoever asks why a
// customer got a mail twice.
import type { Core } from '@strapi/strapi';
import { NOTIFICATION_TABLE } from '../constants';

/** Entries kept in a row's log. */
export const LOG_LIMIT = 20;
/** Stranded rows taken back per sweep (a dead worker held at most its concurrency). */
const STRANDED_BATCH = 200;

const parsed = (log: unknown): unknown[] => {
  const value = typeof log === 'string' ? JSON.parse(log) : log;
  return Array.isArray(value) ? value : [];
};

export async function sweepLeases(knex: Core.Strapi['db']['connection'], now: number): Promise<number> {
  const table = () => knex(NOTIFICATION_TABLE);
  const requeued = await table().where({ status: 'queued' }).andWhere('lease_until', '<', now).update({ status: 'pending', lease_until: null });
  const stranded = await table().select('id', 'channel', 'log').where({ status: 'sending' }).andWhere('lease_until', '<', now).orderBy('id').limit(STRANDED_BATCH);
  let returned = 0;
  for (const row of stranded) {
    const entry = { at: new Date(now).toISOString(), channel: row.channel, result: 'interrupted', error: 'the lease ended before the send was recorded: it may have gone out' };
    // Conditional like every other move of a row: with several sweepers, one logs it.
    returned += await table()
      .where({ id: row.id, status: 'sending' })
      .andWhere('lease_until', '<', now)
      .update({
        status: 'pending',
        lease_until: null,
        attempts: knex.raw('attempts + 1'),
        log: JSON.stringify([...parsed(row.log), entry].slice(-LOG_LIMIT)),
        updated_at: new Date(now),
      });
  }
  return requeued + returned;
}
