import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, NOTIFICATION_TABLE, NOTIFICATION_UID } from '../constants';
import { providersFor } from '../channels';
import { nextStep } from '../notifications/retry';
import { DeliveryError, type Channel } from '../notifications/types';
import { getService } from '../utils/get-service';
import { notificationsConfig } from './outbox';

/** How many rows one tick delivers, and how many at once. */
const BATCH = 100;
const CONCURRENCY = 8;
const LOG_LIMIT = 20;

/**
 * Delivers outbox rows. A row is claimed with one conditional UPDATE (pending/queued → sending,
 * with a lease), sent through its current channel's provider, and finished with another:
 * sent, retried later with backoff, moved to the next channel, or dead. Two workers never send
 * the same row (only one claim succeeds); a worker that dies holding a row leaves it `sending`
 * until its lease ends, and the sweeper gives it back.
 */
const createNotifyDispatcherService = ({ strapi }: { strapi: Core.Strapi }) => {
  let poller: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const table = () => strapi.db.connection(NOTIFICATION_TABLE);

  async function finish(id: number, data: Record<string, unknown>) {
    // Only the holder of the claim finishes the row (a swept and re-claimed row has moved on).
    await strapi.db.query(NOTIFICATION_UID as any).updateMany({ where: { id, status: 'sending' }, data });
  }

  const service = {
    /** Takes a due row for sending; false when another worker has it or it is not due. */
    async claim(id: number, now = Date.now()): Promise<boolean> {
      const { leaseMs } = notificationsConfig(strapi);
      const claimed = await table()
        .where({ id })
        .whereIn('status', ['pending', 'queued'])
        .andWhere('due_at', '<=', now)
        .update({ status: 'sending', lease_until: now + leaseMs });
      return claimed === 1;
    },

    /** Claims and sends one row; returns what became of it (null when not claimed). */
    async deliver(id: number, now = Date.now()): Promise<string | null> {
      if (!(await this.claim(id, now))) return null;
      const row: any = await strapi.db.query(NOTIFICATION_UID as any).findOne({ where: { id } });
      const config = notificationsConfig(strapi);
      const channel = row.channel as Channel;
      const attempt = { at: new Date(now).toISOString(), channel };
      const log = (entry: Record<string, unknown>) => [...(Array.isArray(row.log) ? row.log : []), { ...attempt, ...entry }].slice(-LOG_LIMIT);
      try {
        const provider = providersFor(config).get(channel);
        if (!provider) throw new DeliveryError('permanent', `channel ${channel} is not configured`);
        const receipt = await provider.send({
          key: `scrm-n${row.id}`,
          recipient: row.recipient,
          message: { title: row.title, body: row.body, url: row.url },
          textKey: row.textKey,
          vars: row.vars ?? {},
          urgent: Boolean(row.urgent),
        });
        await finish(id, {
          status: 'sent',
          attempts: row.attempts + 1,
          channelAttempts: row.channelAttempts + 1,
          providerMessageId: receipt.providerMessageId ? String(receipt.providerMessageId).slice(0, 128) : null,
          sentAt: new Date(),
          leaseUntil: null,
          log: log({ result: 'sent' }),
        });
        return 'sent';
      } catch (error) {
        const failure = error instanceof DeliveryError ? error : new DeliveryError('transient', (error as Error)?.message ?? String(error));
        const channels: Channel[] = row.channels ?? [channel];
        const step = nextStep({
          kind: failure.kind,
          channelAttempts: row.channelAttempts + 1,
          hasNextChannel: row.channelIndex + 1 < channels.length,
          retryAfterMs: failure.retryAfterMs,
          policy: config.retry,
        });
        const common = { attempts: row.attempts + 1, lastError: `${channel}: ${failure.message}`.slice(0, 2000), leaseUntil: null };
        const entry = log({ result: step.kind, error: failure.message, kind: failure.kind });
        if (step.kind === 'retry') {
          await finish(id, { ...common, status: 'pending', channelAttempts: row.channelAttempts + 1, dueAt: now + step.delayMs, log: entry });
        } else if (step.kind === 'fallback') {
          const index = row.channelIndex + 1;
          await finish(id, { ...common, status: 'pending', channelIndex: index, channel: channels[index], channelAttempts: 0, dueAt: now, log: entry });
        } else {
          await finish(id, { ...common, status: 'dead', channelAttempts: row.channelAttempts + 1, log: entry });
          await this.recordDead(row, common.lastError);
        }
        return step.kind;
      }
    },

    /** A dead letter is on the ticket's timeline too, for the people working it. */
    async recordDead(row: any, lastError: string) {
      if (!row.ticketId) return;
      const ticket: any = await strapi.db.query('plugin::scrm-tickets.ticket' as any).findOne({ where: { id: row.ticketId }, select: ['id', 'documentId'] });
      if (!ticket) return;
      await getService('events', { strapi }).record(ticket, {
        type: EVENT_TYPES.notification,
        changes: { failed: { notification: row.id, text: row.textKey, to: { kind: row.audience, id: row.recipient?.id }, channels: row.channels, lastError } },
        actor: { kind: 'system', name: 'notifications' },
        visibility: 'internal',
      });
    },

    /** Rows a dead worker left claimed (or queued with no job to run them) become due again. */
    async sweep(now = Date.now()): Promise<number> {
      return table().whereIn('status', ['sending', 'queued']).andWhere('lease_until', '<', now).update({ status: 'pending', lease_until: null });
    },

    /** Ids of rows due now, oldest first. */
    async due(now = Date.now(), limit = BATCH): Promise<number[]> {
      const rows = await table().select('id').where({ status: 'pending' }).andWhere('due_at', '<=', now).orderBy('due_at').orderBy('id').limit(limit);
      return rows.map((r: { id: number }) => Number(r.id));
    },

    /** Embedded mode: sweep, then deliver what is due, a few at a time. */
    async tick(now = Date.now()): Promise<number> {
      await this.sweep(now);
      const ids = await this.due(now);
      let done = 0;
      let next = 0;
      const lane = async () => {
        while (next < ids.length) {
          const id = ids[next++];
          if ((await this.deliver(id, now)) !== null) done += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
      return done;
    },

    /** The admin's retry button: a dead row starts again from its first channel. */
    async retry(documentId: string): Promise<any | null> {
      const row: any = await strapi.db.query(NOTIFICATION_UID as any).findOne({ where: { documentId } });
      if (!row) return null;
      if (row.status !== 'dead') return { conflict: row.status };
      const channels: Channel[] = row.channels ?? [];
      await strapi.db.query(NOTIFICATION_UID as any).updateMany({
        where: { id: row.id, status: 'dead' },
        data: { status: 'pending', channelIndex: 0, channel: channels[0] ?? row.channel, channelAttempts: 0, dueAt: Date.now(), leaseUntil: null },
      });
      this.kick();
      return strapi.db.query(NOTIFICATION_UID as any).findOne({ where: { id: row.id } });
    },

    /** Embedded mode: poll the outbox (and run at once after a write that queued something). */
    start(intervalMs: number) {
      if (poller) return;
      poller = setInterval(() => this.kick(), intervalMs);
      poller.unref();
    },

    kick() {
      if (!poller || running) return;
      running = this.tick()
        .catch((error) => strapi.log.error(`scrm-tickets: notification dispatch failed: ${(error as Error).message}`))
        .finally(() => {
          running = null;
        });
    },

    async stop() {
      if (poller) clearInterval(poller);
      poller = null;
      await running;
    },
  };
  return service;
};

export type NotifyDispatcherService = ReturnType<typeof createNotifyDispatcherService>;
export default createNotifyDispatcherService;
