import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, SLA_TIMER_TABLE, TICKET_UID } from '../constants';
import { DEFAULT_ESCALATIONS, type EscalationLevel, type TimerPlan } from '../business-time';
import { PRIORITIES, type Priority } from '../rules/actions';
import { getService } from '../utils/get-service';
import { chunks } from '../utils/bulk-rows';
import type { SlaTimerQueue, TimerJob } from '../queues/sla-timer-queue';

export interface TimerRow {
  id: number;
  ticket_id: number;
  level: string;
  due_at: string | number;
  fired_at: string | number | null;
}

const createSlaTimersService = ({ strapi }: { strapi: Core.Strapi }) => {
  let poller: NodeJS.Timeout | null = null;
  let ticking = false;
  let queue: SlaTimerQueue | null = null;

  return {
    /**
     * Makes the ticket's unfired timers match `plans`: new ones inserted, moved ones updated,
     * ones no longer wanted (clock met or paused, policy gone) deleted. A fired timer stays fired:
     * each level fires once per ticket.
     */
    async sync(ticketId: number, plans: TimerPlan[]) {
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        const rows: TimerRow[] = await trx(SLA_TIMER_TABLE).where({ ticket_id: ticketId });
        const wanted = new Map(plans.map((p) => [p.level, p.dueAt]));
        const stale = rows.filter((r) => r.fired_at === null && !wanted.has(r.level)).map((r) => r.id);
        if (stale.length > 0) await trx(SLA_TIMER_TABLE).whereIn('id', stale).del();
        const scheduled: TimerJob[] = [];
        for (const [level, dueAt] of wanted) {
          const row = rows.find((r) => r.level === level);
          if (!row) {
            const [inserted] = await trx(SLA_TIMER_TABLE).insert({ ticket_id: ticketId, level, due_at: dueAt, fired_at: null }).returning('id');
            scheduled.push({ timerId: typeof inserted === 'object' ? inserted.id : inserted, dueAt });
          } else if (row.fired_at === null && Number(row.due_at) !== dueAt) {
            await trx(SLA_TIMER_TABLE).where({ id: row.id }).whereNull('fired_at').update({ due_at: dueAt });
            scheduled.push({ timerId: row.id, dueAt });
          }
        }
        // Queued once the rows are committed, without waiting for Redis.
        if (queue && scheduled.length > 0) onCommit(() => queue?.schedule(scheduled));
      });
    },

    /**
     * The timers of tickets just created (a batch): no rows exist yet, so they are inserted in
     * one statement per chunk and queued once committed.
     */
    async insertFresh(list: { ticketId: number; plans: TimerPlan[] }[]) {
      const rows = list.flatMap(({ ticketId, plans }) => plans.map((p) => ({ ticket_id: ticketId, level: p.level, due_at: p.dueAt, fired_at: null })));
      if (rows.length === 0) return;
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        for (const part of chunks(rows)) await trx(SLA_TIMER_TABLE).insert(part);
        if (!queue) return;
        // Read back by ticket (the rows are all new): RETURNING's row order is not promised on SQLite.
        const scheduled: TimerJob[] = [];
        for (const part of chunks(list.map((t) => t.ticketId))) {
          const stored: TimerRow[] = await trx(SLA_TIMER_TABLE).whereIn('ticket_id', part).select('id', 'due_at');
          for (const row of stored) scheduled.push({ timerId: row.id, dueAt: Number(row.due_at) });
        }
        onCommit(() => queue?.schedule(scheduled));
      });
    },

    /**
     * Fires every timer due at `now`. Each is claimed with one conditional UPDATE in the same
     * transaction as its effects, so with several instances (or a poller and a queue) polling at
     * once a timer fires exactly once, and a crash mid-way fires it again later rather than never.
     */
    async tick(now = Date.now(), limit = 100): Promise<number> {
      const due: TimerRow[] = await strapi.db
        .connection(SLA_TIMER_TABLE)
        .whereNull('fired_at')
        .andWhere('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit);
      let fired = 0;
      for (const timer of due) if (await this.claimAndFire(timer, now)) fired += 1;
      return fired;
    },

    /** A queued job: fire the timer if it is still due at the time the job was queued for. */
    async fireQueued(job: TimerJob, now = Date.now()): Promise<boolean> {
      const timer: TimerRow | undefined = await strapi.db.connection(SLA_TIMER_TABLE).where({ id: job.timerId }).first();
      // Gone (clock met), fired, or moved (a newer job carries the new due time): nothing to do.
      if (!timer || timer.fired_at !== null || Number(timer.due_at) !== job.dueAt || job.dueAt > now + 1000) return false;
      return this.claimAndFire(timer, now);
    },

    async claimAndFire(timer: TimerRow, now: number): Promise<boolean> {
      return strapi.db.transaction(async ({ trx }) => {
        const claimed = await trx(SLA_TIMER_TABLE).where({ id: timer.id }).whereNull('fired_at').update({ fired_at: now });
        if (claimed !== 1) return false;
        await this.fire(timer, now);
        return true;
      });
    },

    /** With REDIS_URL: timers are also queued as delayed jobs (the poller stays, as a safety net). */
    useQueue(next: SlaTimerQueue | null) {
      queue = next;
    },

    /** The effects of one level: an event on the timeline, a priority step, a notification request. */
    async fire(timer: TimerRow, now: number) {
      const ticket: any = await strapi.db
        .query(TICKET_UID as any)
        .findOne({ where: { id: timer.ticket_id }, select: ['id', 'documentId', 'priority', 'slaPolicyKey'] });
      if (!ticket) return;
      const [clock, key] = timer.level.split(':');
      const policy = ticket.slaPolicyKey ? await getService('sla', { strapi }).policyByKey(ticket.slaPolicyKey) : null;
      const levels: EscalationLevel[] = policy?.escalations ?? DEFAULT_ESCALATIONS;
      const level = levels.find((l) => l.key === key) ?? { key, at: 'breach' as const };
      const changes: Record<string, unknown> = { clock, level: key, dueAt: new Date(Number(timer.due_at)).toISOString() };
      if (level.escalate) {
        const before = ticket.priority as Priority;
        const after = PRIORITIES[Math.min(PRIORITIES.indexOf(before) + 1, PRIORITIES.length - 1)];
        if (after !== before) {
          await strapi.db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: { priority: after } });
          changes.priority = { before, after };
        }
      }
      const events = getService('events', { strapi });
      const actor = { kind: 'system' as const, name: 'sla' };
      const type = level.at === 'warn' ? EVENT_TYPES.slaWarning : EVENT_TYPES.slaBreach;
      await events.record(ticket, { type, changes, actor, visibility: 'internal' });
      if (level.notify) {
        // The outbox turns the request into messages to the level's people, in this transaction.
        await events.record(ticket, { type: EVENT_TYPES.notification, changes: { requested: { to: level.notify, sla: timer.level, at: level.at, dueAt: changes.dueAt } }, actor, visibility: 'internal' });
      }
      void now;
    },

    /** Without a queue: poll the table (the timers live in the database, so restarts lose none). */
    start(intervalMs: number) {
      if (poller) return;
      poller = setInterval(async () => {
        if (ticking) return;
        ticking = true;
        try {
          await this.tick();
        } catch (error) {
          strapi.log.error(`scrm-tickets: SLA timer tick failed: ${(error as Error).message}`);
        } finally {
          ticking = false;
        }
      }, intervalMs);
      poller.unref();
    },

    async stop() {
      if (poller) clearInterval(poller);
      poller = null;
      const closing = queue;
      queue = null;
      await closing?.close();
    },
  };
};

export type SlaTimersService = ReturnType<typeof createSlaTimersService>;
export default createSlaTimersService;
