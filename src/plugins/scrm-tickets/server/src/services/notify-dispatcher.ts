import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, NOTIFICATION_TABLE, NOTIFICATION_UID, TICKET_UID } from '../constants';
import { providersFor } from '../channels';
import { createRateLimits, type RateLimits } from '../channels/rate-limits';
import type { NotificationsConfig } from '../config';
import { nextStep } from '../notifications/retry';
import { LOG_LIMIT, sweepLeases } from '../notifications/lease-sweep';
import DataLoader from 'dataloader';
import { DeliveryError, type Channel, type DeliveryReceipt } from '../notifications/types';
import { getService } from '../utils/get-service';
import type { NotifyQueues, QueuedRow } from '../queues/notify-queue';
import { notificationsConfig } from './outbox';

/** How many rows one tick delivers, and how many at once. */
const BATCH = 100;
const CONCURRENCY = 8;
/** How long claims and sent marks are gathered before their one statement, and how many at most. */
const BATCH_WINDOW_MS = 2;
const MAX_BATCH = 200;

/**
 * Delivers outbox rows. A row is claimed with one conditional UPDATE (pending/queued → sending,
 * with a lease), sent through its current channel's provider, and finished with another:
 * sent, retried later with backoff, moved to the next channel, or dead. Two workers never send
 * the same row (only one claim succeeds); a worker that dies holding a row leaves it `sending`
 * until its lease ends, and the sweeper gives it back with the attempt logged `interrupted`
 * (notifications/lease-sweep.ts).
 */
const CLAIMED_COLUMNS = ['id', 'ticket_id', 'text_key', 'audience', 'recipient', 'channels', 'channel_index', 'channel', 'title', 'body', 'url', 'vars', 'urgent', 'attempts', 'channel_attempts', 'log'];

export interface ClaimedRow {
  id: number;
  ticketId: number | null;
  textKey: string;
  audience: string;
  recipient: any;
  channels: Channel[];
  channelIndex: number;
  channel: Channel;
  title: string;
  body: string;
  url: string | null;
  vars: Record<string, string>;
  urgent: boolean;
  attempts: number;
  channelAttempts: number;
  log: unknown[];
}

/** JSON columns come back parsed from Postgres and as text from SQLite. */
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

function claimedRow(raw: any): ClaimedRow {
  return {
    id: Number(raw.id),
    ticketId: raw.ticket_id === null ? null : Number(raw.ticket_id),
    textKey: raw.text_key,
    audience: raw.audience,
    recipient: json(raw.recipient),
    channels: json(raw.channels) ?? [raw.channel],
    channelIndex: Number(raw.channel_index ?? 0),
    channel: raw.channel,
    title: raw.title,
    body: raw.body,
    url: raw.url,
    vars: json(raw.vars) ?? {},
    urgent: Boolean(raw.urgent),
    attempts: Number(raw.attempts ?? 0),
    channelAttempts: Number(raw.channel_attempts ?? 0),
    log: json(raw.log) ?? [],
  };
}

const createNotifyDispatcherService = ({ strapi }: { strapi: Core.Strapi }) => {
  let poller: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let queues: NotifyQueues | null = null;
  let redis: { quit: () => Promise<unknown> } | null = null;
  let limits: { key: string; value: RateLimits } | null = null;
  const limitsFor = (config: NotificationsConfig) => {
    const key = JSON.stringify(config.rateLimits ?? {});
    if (limits?.key !== key) limits = { key, value: createRateLimits(config.rateLimits ?? {}, redis ?? undefined) };
    return limits.value;
  };
  /** Whose limits a message counts against: the WeCom app, the SMS account, the mail server. */
  const appOf = (channel: Channel, config: NotificationsConfig) =>
    channel === 'wecom' ? `${config.wecom?.corpId}:${config.wecom?.agentId}` : channel === 'sms' ? String(config.sms?.sdkAppId) : 'smtp';
  const table = () => strapi.db.connection(NOTIFICATION_TABLE);
  /** The row's recipient with the customer's mobile opened (the outbox keeps it sealed). A key missing from SCRM_PII_KEYS is retried: adding it back delivers. */
  const openRecipient = (recipient: any) => {
    if (!recipient?.mobile) return recipient;
    try {
      return { ...recipient, mobile: getService('pii', { strapi }).revealMobile(recipient.mobile) };
    } catch (error) {
      throw new DeliveryError('transient', (error as Error).message);
    }
  };

  // The hot path (claim, finish) is plain SQL on the outbox table: the query engine's mapping
  // cost more than the sends themselves (bench/notify.js).
  async function finish(id: number, data: Record<string, unknown>) {
    const columns: Record<string, unknown> = { updated_at: new Date() };
    for (const [key, value] of Object.entries(data)) {
      columns[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = key === 'log' ? JSON.stringify(value) : value;
    }
    // Only the holder of the claim finishes the row (a swept and re-claimed row has moved on).
    await table().where({ id, status: 'sending' }).update(columns);
  }

  // Claims and successful sends are written in batches: every row claimed (or marked sent) within
  // BATCH_WINDOW_MS is one statement. dataloader does the gathering; each caller still gets its
  // own row back. At hundreds of messages a second the per-row statements were most of the cost.
  const claims = new DataLoader<{ id: number; now: number }, ClaimedRow | null>(
    async (keys) => {
      const { leaseMs } = notificationsConfig(strapi);
      const rows = new Map<string, ClaimedRow>();
      // Callers pass their own clock (tests, a tick's `now`): one statement per distinct moment.
      for (const now of new Set(keys.map((k) => k.now))) {
        const raws = await table()
          .whereIn('id', keys.filter((k) => k.now === now).map((k) => k.id))
          .whereIn('status', ['pending', 'queued'])
          .andWhere('due_at', '<=', now)
          .update({ status: 'sending', lease_until: now + leaseMs })
          .returning(CLAIMED_COLUMNS);
        for (const raw of raws) rows.set(`${raw.id}@${now}`, claimedRow(raw));
      }
      // The same row asked for twice in one batch (two jobs, two dispatchers) is claimed once:
      // the first caller gets it, the others nothing, as with separate UPDATEs.
      return keys.map((k) => {
        const row = rows.get(`${k.id}@${k.now}`) ?? null;
        rows.delete(`${k.id}@${k.now}`);
        return row;
      });
    },
    { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS) }
  );

  const sentMarks = new DataLoader<{ id: number; providerMessageId: string | null }, true>(
    async (marks) => {
      const knex = strapi.db.connection;
      const now = new Date();
      await table()
        .whereIn('id', marks.map((m) => m.id))
        .andWhere({ status: 'sending' }) // only rows this process still holds
        .update({
          status: 'sent',
          sent_at: now,
          updated_at: now,
          lease_until: null,
          attempts: knex.raw('attempts + 1'),
          channel_attempts: knex.raw('channel_attempts + 1'),
          provider_message_id: knex.raw(`CASE id ${marks.map(() => 'WHEN ? THEN ?').join(' ')} END`, marks.flatMap((m) => [m.id, m.providerMessageId])),
        });
      return marks.map(() => true as const);
    },
    { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS) }
  );

  const service = {
    /** Takes a due row for sending and returns it; null when another worker has it or it is not due. */
    async claim(id: number, now = Date.now()): Promise<ClaimedRow | null> {
      return claims.load({ id, now });
    },

    /** Claims and sends one row; returns what became of it (null when not claimed). */
    async deliver(id: number, now = Date.now()): Promise<string | null> {
      const row = await this.claim(id, now);
      if (!row) return null;
      const config = notificationsConfig(strapi);
      const channel = row.channel as Channel;
      let receipt: DeliveryReceipt;
      const attempt = { at: new Date(now).toISOString(), channel };
      const log = (entry: Record<string, unknown>) => [...(Array.isArray(row.log) ? row.log : []), { ...attempt, ...entry }].slice(-LOG_LIMIT);
      try {
        const provider = providersFor(config, getService('wecom-api', { strapi }).tokens()).get(channel);
        if (!provider) throw new DeliveryError('permanent', `channel ${channel} is not configured`);
        const recipient = openRecipient(row.recipient);
        const waitMs = await limitsFor(config).wait(channel, appOf(channel, config), recipient);
        if (waitMs > 0) {
          // Over a provider's limit: wait for its window without spending an attempt.
          await finish(id, { status: 'pending', dueAt: now + waitMs, leaseUntil: null, log: log({ result: 'deferred', waitMs }) });
          return 'deferred';
        }
        receipt = await provider.send({
          key: `scrm-n${row.id}`,
          recipient,
          message: { title: row.title, body: row.body, url: row.url },
          textKey: row.textKey,
          vars: row.vars,
          urgent: Boolean(row.urgent),
        });
      } catch (error) {
        const failure = error instanceof DeliveryError ? error : new DeliveryError('transient', (error as Error)?.message ?? String(error));
        const channels = row.channels;
        const step = nextStep({
          kind: failure.kind,
          channelAttempts: row.channelAttempts + 1,
          hasNextChannel: row.channelIndex + 1 < channels.length,
          retryAfterMs: failure.retryAfterMs,
          policy: config.retry,
        });
        const common = { attempts: row.attempts + 1, lastError: `${channel}: ${failure.message}`.slice(0, 2000), leaseUntil: null };
        const entry = { result: step.kind, error: failure.message, kind: failure.kind };
        if (step.kind === 'retry') {
          // The backoff counts from the failure, not from the attempt's start: a send that timed
          // out has already lasted longer than the first steps, which would leave no pause at all.
          const dueAt = Math.max(now, Date.now()) + step.delayMs;
          await finish(id, { ...common, status: 'pending', channelAttempts: row.channelAttempts + 1, dueAt, log: log({ ...entry, retryAt: new Date(dueAt).toISOString() }) });
        } else if (step.kind === 'fallback') {
          const index = row.channelIndex + 1;
          await finish(id, { ...common, status: 'pending', channelIndex: index, channel: channels[index], channelAttempts: 0, dueAt: now, log: log(entry) });
        } else {
          await finish(id, { ...common, status: 'dead', channelAttempts: row.channelAttempts + 1, log: log(entry) });
          await this.recordDead(row, common.lastError);
        }
        return step.kind;
      }
      // Outside the try: if this bookkeeping fails the row stays `sending`, and the sweeper makes
      // it due again when its lease ends (a send is repeated, never lost).
      const providerMessageId = receipt.providerMessageId ? String(receipt.providerMessageId).slice(0, 128) : null;
      await sentMarks.load({ id, providerMessageId });
      return 'sent';
    },

    /** A dead letter is on the ticket's timeline too, for the people working it. */
    async recordDead(row: ClaimedRow, lastError: string) {
      if (!row.ticketId) return;
      const ticket: any = await strapi.db.query(TICKET_UID as any).findOne({ where: { id: row.ticketId }, select: ['id', 'documentId'] });
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
      return sweepLeases(strapi.db.connection, now);
    },

    /** Ids of rows due now, oldest first. */
    async due(now = Date.now(), limit = BATCH): Promise<number[]> {
      const rows = await table().select('id').where({ status: 'pending' }).andWhere('due_at', '<=', now).orderBy('due_at').orderBy('id').limit(limit);
      return rows.map((r: { id: number }) => Number(r.id));
    },

    /** One round: sweep, then hand what is due to the queues (with Redis) or deliver it here. */
    async tick(now = Date.now()): Promise<number> {
      await this.sweep(now);
      return queues ? this.dispatch(now) : this.deliverDue(now);
    },

    /** Embedded mode: deliver what is due, a few at a time. */
    async deliverDue(now = Date.now()): Promise<number> {
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

    /**
     * With Redis: moves due rows to `queued` (one conditional UPDATE; with several dispatchers
     * each row is moved by one) and adds a job per row. If Redis does not take them the rows stay
     * queued until their lease ends and the sweeper makes them due again: a ticket write never
     * waits for Redis, and no row is lost while it is away.
     */
    async dispatch(now = Date.now(), limit = 500): Promise<number> {
      if (!queues) return 0;
      const ids = await this.due(now, limit);
      if (ids.length === 0) return 0;
      const { leaseMs } = notificationsConfig(strapi);
      const moved: { id: number; channel: Channel }[] = await table()
        .whereIn('id', ids)
        .andWhere({ status: 'pending' })
        .update({ status: 'queued', lease_until: now + leaseMs })
        .returning(['id', 'channel']);
      const rows: QueuedRow[] = moved.map((r) => ({ id: Number(r.id), channel: r.channel, queuedAt: now }));
      try {
        await queues.enqueue(rows);
      } catch (error) {
        strapi.log.warn(`scrm-tickets: ${rows.length} notification(s) not queued (${(error as Error).message}); they are retried when their lease ends`);
        return 0;
      }
      return rows.length;
    },

    /** With REDIS_URL: jobs go through bull queues (whose processors call `deliver`). */
    useQueues(next: NotifyQueues | null) {
      queues = next;
    },

    /** With REDIS_URL: rate limits are counted in Redis, across instances and workers. */
    useRedis(client: { quit: () => Promise<unknown> } | null) {
      redis = client;
      limits = null;
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

    /** Polls the outbox (and runs at once after a write that added rows): embedded or dispatching. */
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
      const closing = queues;
      queues = null;
      await closing?.close();
      const client = redis;
      redis = null;
      limits = null;
      await client?.quit().catch(() => undefined);
    },
  };
  return service;
};

export type NotifyDispatcherService = ReturnType<typeof createNotifyDispatcherService>;
export default createNotifyDispatcherService;
