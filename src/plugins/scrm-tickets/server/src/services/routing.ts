import type { Core } from '@strapi/strapi';
import { EVENT_TYPES, ROUTING_RULE_UID, TICKET_UID } from '../constants';
import { applyActions, type RoutedTicket, type RuleAction } from '../rules/actions';
import { compileConditions } from '../rules/evaluate';
import { diffAttributes } from '../utils/changes';
import { getService } from '../utils/get-service';

interface Rule {
  id: number;
  name: string;
  position: number;
  stopAfterMatch: boolean;
  conditions: any;
  actions: RuleAction[];
}

const ROUTED = ['priority', 'tags', 'team', 'assignee'] as const;

const createRoutingService = ({ strapi }: { strapi: Core.Strapi }) => {
  // The compiled rule set, rebuilt when any rule is added, changed or removed on any instance:
  // the key is read with one aggregate query, so no instance routes with stale rules.
  let cache: { key: string; rules: Rule[]; run: ReturnType<typeof compileConditions> | null } | null = null;

  const ruleSet = async () => {
    // Through the query engine, not raw knex: inside the ticket's transaction a second
    // connection would wait for it forever on SQLite.
    const query = strapi.db.query(ROUTING_RULE_UID as any);
    const count = await query.count({ where: {} });
    if (count === 0) return { key: '0', rules: [] as Rule[], run: null };
    const latest: any = await query.findOne({ select: ['updatedAt'], orderBy: { updatedAt: 'desc' } });
    const key = `${count}:${new Date(latest.updatedAt).getTime()}`;
    if (cache?.key === key) return cache;
    const rules = (await strapi.db.query(ROUTING_RULE_UID as any).findMany({
      where: { enabled: true },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    })) as Rule[];
    const run = compileConditions(rules.map((r) => ({ name: String(r.id), conditions: r.conditions })));
    cache = { key, rules, run };
    return cache;
  };

  return {
    /**
     * Runs the enabled rules on a ticket just written (inside its transaction), in order, up to
     * the first matching rule that stops the rest; applies their actions and records one
     * `rule_applied` event per matching rule (and a `notification` request per notify action).
     * Answers the routed attributes to merge into the ticket the caller returns.
     */
    async route(ticket: { id: number; documentId: string }): Promise<Record<string, unknown>> {
      const { rules, run } = await ruleSet();
      if (!run || rules.length === 0) return {};
      const facts = await getService('ticket-facts', { strapi }).forTicket(ticket.id);
      const holding = await run(facts);
      const matched: Rule[] = [];
      for (const rule of rules) {
        if (!holding.has(String(rule.id))) continue;
        matched.push(rule);
        if (rule.stopAfterMatch) break;
      }
      if (matched.length === 0) return {};

      const row: any = await strapi.db
        .query(TICKET_UID as any)
        .findOne({ where: { id: ticket.id }, select: ['priority', 'tags', 'team'], populate: { assignee: { select: ['id'] } } });
      let current: RoutedTicket = {
        priority: row.priority,
        tags: Array.isArray(row.tags) ? row.tags : [],
        team: row.team ?? null,
        assignee: row.assignee?.id ?? null,
      };
      const start = current;
      const events = getService('events', { strapi });
      for (const rule of matched) {
        const actor = { kind: 'system' as const, name: `rule:${rule.name}`, id: rule.id };
        const { ticket: next, notify } = applyActions(current, rule.actions);
        const changes = diffAttributes(current, next, [...ROUTED]);
        await events.record(ticket, { type: EVENT_TYPES.ruleApplied, changes, actor, visibility: 'internal' });
        for (const n of notify) {
          // Delivery is the notifications issue's outbox; the request is on the timeline now.
          await events.record(ticket, { type: EVENT_TYPES.notification, changes: { requested: n }, actor, visibility: 'internal' });
        }
        current = next;
      }

      const patch = diffAttributes(start, current, [...ROUTED]);
      if (Object.keys(patch).length === 0) return {};
      const data = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v.after]));
      await strapi.db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data });
      return data;
    },
  };
};

export type RoutingService = ReturnType<typeof createRoutingService>;
export default createRoutingService;
