import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, ROUTING_RULE_UID, TICKET_UID } from '../constants';
import { applyActions, routedOf, type RoutedTicket, type RuleAction } from '../rules/actions';
import { compileConditions } from '../rules/evaluate';
import type { Facts } from '../rules/facts';
import type { Strategy } from '../assignment/types';
import { diffAttributes } from '../utils/changes';
import { createConfigCache } from '../utils/config-cache';
import { getService } from '../utils/get-service';
import type { RecordInput } from './events';

interface Rule {
  id: number;
  name: string;
  position: number;
  stopAfterMatch: boolean;
  conditions: any;
  actions: RuleAction[];
}

const ROUTED = ['priority', 'tags', 'team', 'assignee', 'requiredApproval'] as const;

type RoutedRow = Parameters<typeof routedOf>[0];

export interface RoutePlan {
  patch: Record<string, unknown>;
  assignStrategy?: Strategy;
  /** The rule_applied audit first, then the notification requests. */
  events: RecordInput[];
}

const createRoutingService = ({ strapi }: { strapi: Core.Strapi }) => {
  const ruleSet = createConfigCache(strapi, ROUTING_RULE_UID, async () => {
    const rules = (await strapi.db.query(ROUTING_RULE_UID as any).findMany({
      where: { enabled: true },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    })) as Rule[];
    const run = rules.length ? compileConditions(rules.map((r) => ({ name: String(r.id), conditions: r.conditions }))) : null;
    return { rules, run };
  });

  return {
    /** Forget the compiled rules: a rule was written on this instance. */
    invalidate: () => ruleSet.invalidate(),

    /**
     * What the enabled rules do to a ticket, in order, up to the first matching rule that stops
     * the rest: the routed attributes that change, the assignment strategy, and the timeline
     * entries to record (one `rule_applied` for all the rules that matched, each with what it
     * changed — an audit as fine as one per rule at a third of the writes — then a
     * `notification` request per notify action). Writes nothing: null when no rule matches.
     */
    async plan(
      factsOf: () => Promise<Facts> | Facts,
      /** The ticket's priority, tags, team, assignee and required approval as they stand. */
      known: () => Promise<RoutedRow> | RoutedRow
    ): Promise<RoutePlan | null> {
      const { rules, run } = await ruleSet.get();
      if (!run || rules.length === 0) return null;
      const holding = await run(await factsOf());
      const matched: Rule[] = [];
      for (const rule of rules) {
        if (!holding.has(String(rule.id))) continue;
        matched.push(rule);
        if (rule.stopAfterMatch) break;
      }
      if (matched.length === 0) return null;

      let current: RoutedTicket = routedOf(await known());
      const start = current;
      let assignStrategy: Strategy | undefined;
      const applied: { rule: string; id: number; changes: Record<string, unknown> }[] = [];
      const notifications: { rule: string; to: string; message?: string }[] = [];
      for (const rule of matched) {
        const { ticket: next, notify, assignStrategy: strategy } = applyActions(current, rule.actions);
        assignStrategy = strategy ?? assignStrategy;
        applied.push({ rule: rule.name, id: rule.id, changes: diffAttributes(current, next, [...ROUTED]) });
        notifications.push(...notify.map((n) => ({ rule: rule.name, ...n })));
        current = next;
      }
      const changes = diffAttributes(start, current, [...ROUTED]);
      const patch = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after]));
      const actor = { kind: 'system' as const, name: 'rules' };
      const audit: RecordInput = { type: EVENT_TYPES.ruleApplied, changes: { rules: applied }, actor, visibility: 'internal' };
      // After the patch, so "the team lead" is the lead of the team the rules chose.
      const requests: RecordInput[] = notifications.map(({ rule, ...requested }) => ({
        type: EVENT_TYPES.notification,
        changes: { requested, rule },
        actor,
        visibility: 'internal',
      }));
      return { patch, assignStrategy, events: [audit, ...requests] };
    },

    /**
     * Runs the rules on a ticket just written (inside its transaction): stores the patch and
     * records the plan's events, which the outbox turns into messages in this transaction.
     * Answers the routed attributes to merge into the ticket the caller returns.
     */
    async route(
      ticket: { id: number; documentId: string },
      factsOf?: () => Promise<Facts>,
      known?: { priority: string; tags: unknown; team: string | null; assignee: { id: number } | null },
    ): Promise<{ patch: Record<string, unknown>; assignStrategy?: Strategy }> {
      const plan = await this.plan(
        factsOf ?? (() => getService('ticket-facts', { strapi }).forTicket(ticket.id)),
        () =>
          (known as RoutedRow | undefined) ??
          strapi.db
            .query(TICKET_UID as any)
            .findOne({ where: { id: ticket.id }, select: ['priority', 'tags', 'team', 'requiredApproval'], populate: { assignee: { select: ['id'] } } })
      );
      if (!plan) return { patch: {} };
      const events = getService('events', { strapi });
      const [audit, ...requests] = plan.events;
      await events.record(ticket, audit);
      if (Object.keys(plan.patch).length > 0) await strapi.db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: plan.patch });
      for (const request of requests) await events.record(ticket, request);
      return { patch: plan.patch, assignStrategy: plan.assignStrategy };
    },
  };
};

export type RoutingService = ReturnType<typeof createRoutingService>;
export default createRoutingService;
