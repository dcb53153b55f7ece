import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, ROUTING_RULE_UID, TICKET_UID } from '../constants';
import { applyActions, routedOf, type RoutedTicket, type RuleAction } from '../rules/actions';
import { compileConditions } from '../rules/evaluate';
import type { Facts } from '../rules/facts';
import type { Strategy } from '../assignment/types';
import { diffAttributes } from '../utils/changes';
import { createConfigCache } from '../utils/config-cache';
import { getService } from '../utils/get-service';

interface Rule {
  id: number;
  name: string;
  position: number;
  stopAfterMatch: boolean;
  conditions: any;
  actions: RuleAction[];
}

const ROUTED = ['priority', 'tags', 'team', 'assignee', 'requiredApproval'] as const;

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
     * Runs the enabled rules on a ticket just written (inside its transaction), in order, up to
     * the first matching rule that stops the rest; applies their actions and records one
     * `rule_applied` event per matching rule (and a `notification` request per notify action).
     * Answers the routed attributes to merge into the ticket the caller returns.
     */
    async route(
      ticket: { id: number; documentId: string },
      factsOf?: () => Promise<Facts>,
      /** The ticket's priority, tags, team and assignee when the caller holds them. */
      known?: { priority: string; tags: unknown; team: string | null; assignee: { id: number } | null },
    ): Promise<{ patch: Record<string, unknown>; assignStrategy?: Strategy }> {
      const { rules, run } = await ruleSet.get();
      if (!run || rules.length === 0) return { patch: {} };
      const facts = factsOf ? await factsOf() : await getService('ticket-facts', { strapi }).forTicket(ticket.id);
      const holding = await run(facts);
      const matched: Rule[] = [];
      for (const rule of rules) {
        if (!holding.has(String(rule.id))) continue;
        matched.push(rule);
        if (rule.stopAfterMatch) break;
      }
      if (matched.length === 0) return { patch: {} };

      const row: any =
        known ??
        (await strapi.db
          .query(TICKET_UID as any)
          .findOne({ where: { id: ticket.id }, select: ['priority', 'tags', 'team', 'requiredApproval'], populate: { assignee: { select: ['id'] } } }));
      let current: RoutedTicket = routedOf(row);
      const start = current;
      let assignStrategy: Strategy | undefined;
      // One event for all the rules that matched (each with what it changed): an audit as fine
      // as one event per rule, at a third of the writes on the intake path.
      const applied: { rule: string; id: number; changes: Record<string, unknown> }[] = [];
      const notifications: { rule: string; to: string; message?: string }[] = [];
      for (const rule of matched) {
        const { ticket: next, notify, assignStrategy: strategy } = applyActions(current, rule.actions);
        assignStrategy = strategy ?? assignStrategy;
        applied.push({ rule: rule.name, id: rule.id, changes: diffAttributes(current, next, [...ROUTED]) });
        notifications.push(...notify.map((n) => ({ rule: rule.name, ...n })));
        current = next;
      }
      const events = getService('events', { strapi });
      const actor = { kind: 'system' as const, name: 'rules' };
      await events.record(ticket, { type: EVENT_TYPES.ruleApplied, changes: { rules: applied }, actor, visibility: 'internal' });
      const changes = diffAttributes(start, current, [...ROUTED]);
      const patch = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after]));
      if (Object.keys(patch).length > 0) await strapi.db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: patch });
      // After the patch, so "the team lead" is the lead of the team the rules chose; the outbox
      // turns each request into messages in this transaction.
      for (const { rule, ...requested } of notifications) {
        await events.record(ticket, { type: EVENT_TYPES.notification, changes: { requested, rule }, actor, visibility: 'internal' });
      }
      return { patch, assignStrategy };
    },
  };
};

export type RoutingService = ReturnType<typeof createRoutingService>;
export default createRoutingService;
