import type { Core } from '@strapi/strapi';
import type { SlaRecomputeQueue } from '../queues/sla-recompute-queue';
import { EVENT_TYPES, EVENT_UID, RESPONSE_ACTIONS, SLA_POLICY_UID, TICKET_UID } from '../constants';
import {
  addBusinessMinutes,
  DEFAULT_ESCALATIONS,
  dueTimes,
  pausesFromHistory,
  planTimers,
  slaMet,
  type EscalationLevel,
  type Schedule,
  type TimerPlan,
} from '../business-time';
import type { Facts } from '../rules/facts';
import { compileConditions } from '../rules/evaluate';
import { createConfigCache } from '../utils/config-cache';
import { getService } from '../utils/get-service';
import { workflowOf } from '../workflow';

export interface SlaPolicy {
  id: number;
  key: string;
  position: number;
  conditions?: any;
  firstResponseMinutes?: number | null;
  nextReplyMinutes?: number | null;
  resolutionMinutes?: number | null;
  schedule: Schedule;
  warnAtPercent?: number;
  pauseStates?: string[] | null;
  responseActions?: string[] | null;
  escalations?: EscalationLevel[] | null;
}

type ResponseAction = (typeof RESPONSE_ACTIONS)[number];
const toDate = (v: unknown): Date | null => (v ? new Date(v as string) : null);
/** Stored datetimes come back as strings (SQLite) or Dates (Postgres): compare instants. */
const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date ? b !== null && b !== undefined && a.getTime() === new Date(b as string).getTime() : a === (b ?? null);

const createSlaService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Enabled policies in order with their compiled conditions.
  const policySet = createConfigCache(strapi, SLA_POLICY_UID, async () => {
    const policies = (await strapi.db
      .query(SLA_POLICY_UID as any)
      .findMany({ where: { enabled: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] })) as SlaPolicy[];
    const run = compileConditions(policies.filter((p) => p.conditions).map((p) => ({ name: p.key, conditions: p.conditions })));
    return { policies, run };
  });

  const ticketRow = (id: number) =>
    strapi.db.query(TICKET_UID as any).findOne({ where: { id }, populate: { template: { select: ['workflow', 'slaPolicy'] } } }) as Promise<any>;

  // One recomputation at a time per instance; a change during a run asks for one more run.
  let recomputing = false;
  let again = false;
  let recomputeQueue: SlaRecomputeQueue | null = null;
  const RECOMPUTE_BATCH = 200;

  return {
    /** Forget the cached policies: one was written on this instance. */
    invalidate: () => policySet.invalidate(),

    /**
     * After the current transaction commits (a policy was created, changed or deleted), recompute
     * every ticket not yet closed in the background: the write that changed the policy does not
     * wait for thousands of tickets. Each ticket is refreshed in its own transaction, in id order,
     * with its policy matched again. With REDIS_URL the recomputation is a queued job (any worker
     * runs it; one that dies half-way leaves it to be run again); if Redis does not take it, this
     * process runs it.
     */
    recomputeOpenAfterCommit() {
      if (!this.autoRecompute) return Promise.resolve();
      return strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => {
          if (!recomputeQueue) return void this.recomputeOpen();
          recomputeQueue.request().catch((error) => {
            strapi.log.warn(`scrm-tickets: SLA recomputation not queued (${(error as Error).message}); running it here`);
            void this.recomputeOpen();
          });
        });
      });
    },

    /** With REDIS_URL: recomputations go through a bull queue. */
    useRecomputeQueue(next: SlaRecomputeQueue | null) {
      recomputeQueue = next;
    },

    async stop() {
      const closing = recomputeQueue;
      recomputeQueue = null;
      await closing?.close();
      await this.whenIdle();
    },

    /** SCRM_SLA_RECOMPUTE=off: policy changes leave open tickets alone (the tests recompute by hand). */
    autoRecompute: process.env.SCRM_SLA_RECOMPUTE !== 'off',

    /** Resolves when no recomputation runs (tests, shutdown). */
    async whenIdle() {
      while (recomputing) await new Promise((r) => setTimeout(r, 20));
    },

    async recomputeOpen(): Promise<number> {
      if (recomputing) {
        again = true;
        return 0;
      }
      recomputing = true;
      let done = 0;
      try {
        do {
          again = false;
          policySet.invalidate();
          for (let last = 0; ; ) {
            const batch: { id: number }[] = await strapi.db.query(TICKET_UID as any).findMany({
              where: { id: { $gt: last }, closedAt: { $null: true } },
              select: ['id'],
              orderBy: { id: 'asc' },
              limit: RECOMPUTE_BATCH,
            });
            for (const { id } of batch) {
              await strapi.db.transaction(() => this.refresh(id, { rematch: true, background: true }));
              done += 1;
            }
            if (batch.length < RECOMPUTE_BATCH) break;
            last = batch[batch.length - 1].id;
          }
        } while (again);
      } catch (error) {
        strapi.log.error(`scrm-tickets: recomputing SLA clocks failed: ${(error as Error).message}`);
      } finally {
        recomputing = false;
      }
      return done;
    },

    /**
     * The policy of a ticket: none when its template says `{ "none": true }`, the one its template
     * pins by `{ "key" }`, else the first enabled policy (by position) whose conditions hold.
     */
    async policyFor(ticket: any, facts: () => Promise<Facts>, rematch = true): Promise<SlaPolicy | null> {
      const pinned = ticket.template?.slaPolicy;
      if (pinned?.none === true) return null;
      const { policies, run } = await policySet.get();
      if (typeof pinned?.key === 'string') return policies.find((p) => p.key === pinned.key) ?? null;
      // A ticket keeps its policy while nothing it was matched on changes (a state change alone).
      const kept = !rematch && ticket.slaPolicyKey ? policies.find((p) => p.key === ticket.slaPolicyKey) : undefined;
      if (kept) return kept;
      if (policies.length === 0) return null;
      const holding = policies.some((p) => p.conditions) ? await run(await facts()) : new Set<string>();
      return policies.find((p) => !p.conditions || holding.has(p.key)) ?? null;
    },

    /**
     * Recomputes a ticket's clocks from its policy and status history and stores what changed
     * (with the query engine: the clocks are the system's, not a client edit, so no version bump).
     * Called in the transaction of every write that can move them.
     */
    async refresh(
      ticketId: number,
      opts: { facts?: () => Promise<Facts>; rematch?: boolean; row?: Record<string, any>; background?: boolean } = {}
    ): Promise<Record<string, unknown>> {
      // `row`: the ticket with its template, when the caller holds it (a create).
      const t = opts.row ?? (await ticketRow(ticketId));
      if (!t) return {};
      const facts = opts.facts ?? (() => getService('ticket-facts', { strapi }).forTicket(ticketId));
      const { values: next, timers } = await this.plan(t, facts, { rematch: opts.rematch ?? true });
      const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => !sameValue(v, t[k])));
      if (opts.background) {
        // Racing a user's write: store nothing if the ticket changed since it was read (that
        // write recomputed the clocks itself). The conditional update also takes the row lock.
        const { count } = await strapi.db
          .query(TICKET_UID as any)
          .updateMany({ where: { id: ticketId, version: t.version }, data: Object.keys(changed).length ? changed : { version: t.version } });
        if (count !== 1) return {};
      } else if (Object.keys(changed).length > 0) {
        await strapi.db.query(TICKET_UID as any).update({ where: { id: ticketId }, data: changed });
      }
      await getService('sla-timers', { strapi }).sync(ticketId, timers);
      return changed;
    },

    /**
     * The clocks of a ticket (with its template) and the timers they want, stored nowhere.
     * `fresh`: a ticket being created has no state history, so none is read.
     */
    async plan(t: any, facts: () => Promise<Facts> | Facts, opts: { rematch?: boolean; fresh?: boolean } = {}): Promise<{ values: Record<string, unknown>; timers: TimerPlan[] }> {
      const policy = await this.policyFor(t, async () => facts(), opts.rematch ?? true);
      if (policy) return this.clocks(t, policy, opts.fresh ? [] : undefined);
      return {
        values: { slaPolicyKey: null, slaPausedAt: null, firstResponseDueAt: null, resolutionDueAt: null, nextReplyDueAt: null, slaMet: null },
        timers: [],
      };
    },

    async clocks(t: any, policy: SlaPolicy, stateChanges?: { occurredAt: unknown; changes: any }[]) {
      const workflow = workflowOf(t.template);
      const pausing = new Set([...workflow.states.filter((s) => s.pausesSla).map((s) => s.key), ...(policy.pauseStates ?? [])]);
      const events: any[] =
        stateChanges ??
        (await strapi.db.query(EVENT_UID as any).findMany({
          where: { ticket: { id: t.id }, type: EVENT_TYPES.stateChanged },
          select: ['occurredAt', 'changes'],
          orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        }));
      const changes = events.map((e) => ({ at: new Date(e.occurredAt).getTime(), to: e.changes?.state?.after }));
      const initial = events[0]?.changes?.state?.before ?? t.state;
      const reportedAt = new Date(t.reportedAt ?? t.createdAt);
      const history = pausesFromHistory(initial, reportedAt.getTime(), changes, pausing);
      const due = dueTimes(reportedAt, policy, history);
      const values: Record<string, unknown> = {
        slaPolicyKey: policy.key,
        slaPausedAt: history.pausedSince === null ? null : new Date(history.pausedSince),
        ...due,
        slaMet: slaMet({ ...due, resolvedAt: toDate(t.resolvedAt), firstRespondedAt: toDate(t.firstRespondedAt) }),
      };
      const timers = planTimers({
        reportedAt,
        schedule: policy.schedule,
        pauses: history.pauses,
        paused: history.pausedSince !== null,
        warnAtPercent: policy.warnAtPercent ?? 80,
        levels: policy.escalations ?? DEFAULT_ESCALATIONS,
        clocks: [
          { clock: 'first_response', minutes: policy.firstResponseMinutes, dueAt: due.firstResponseDueAt, met: Boolean(t.firstRespondedAt) },
          { clock: 'resolution', minutes: policy.resolutionMinutes, dueAt: due.resolutionDueAt, met: Boolean(t.resolvedAt) },
        ],
      });
      return { values, timers };
    },

    async policyByKey(key: string): Promise<SlaPolicy | null> {
      return (await policySet.get()).policies.find((p) => p.key === key) ?? null;
    },

    /** Whether the ticket's policy counts `action` by staff as an answer to the customer. */
    async countsAsResponse(ticketId: number, action: ResponseAction): Promise<boolean> {
      const t: any = await strapi.db.query(TICKET_UID as any).findOne({ where: { id: ticketId }, select: ['slaPolicyKey'] });
      if (!t?.slaPolicyKey) return action === 'public_reply';
      const { policies } = await policySet.get();
      const policy = policies.find((p) => p.key === t.slaPolicyKey);
      return (policy?.responseActions ?? RESPONSE_ACTIONS).includes(action);
    },

    /**
     * A staff action that may answer the customer: stamps the first response, clears the
     * next-reply clock. A customer's message starts the next-reply clock.
     */
    async onActivity(ticketId: number, by: 'staff' | 'customer', action: ResponseAction, at = new Date()) {
      const t: any = await strapi.db.query(TICKET_UID as any).findOne({
        where: { id: ticketId },
        select: ['firstRespondedAt', 'nextReplyDueAt', 'slaPolicyKey', 'slaPausedAt'],
      });
      if (!t) return;
      if (by === 'staff') {
        if (!(await this.countsAsResponse(ticketId, action))) return;
        const data: Record<string, unknown> = {};
        if (!t.firstRespondedAt) data.firstRespondedAt = at;
        if (t.nextReplyDueAt) data.nextReplyDueAt = null;
        if (Object.keys(data).length > 0) await strapi.db.query(TICKET_UID as any).update({ where: { id: ticketId }, data });
        // The first-response clock is met: its escalation timers go.
        if (data.firstRespondedAt) await this.refresh(ticketId, { rematch: false });
        return;
      }
      const { policies } = await policySet.get();
      const policy = policies.find((p) => p.key === t.slaPolicyKey);
      if (!policy?.nextReplyMinutes || t.slaPausedAt) return;
      const due = addBusinessMinutes(at, policy.nextReplyMinutes, policy.schedule);
      await strapi.db.query(TICKET_UID as any).update({ where: { id: ticketId }, data: { nextReplyDueAt: due } });
    },
  };
};

export type SlaService = ReturnType<typeof createSlaService>;
export default createSlaService;
