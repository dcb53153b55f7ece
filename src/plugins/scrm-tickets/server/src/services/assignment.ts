import type { Core } from '@strapi/strapi';
import { AGENT_UID, EVENT_TYPES, TEAM_UID, TICKET_UID } from '../constants';
import { rankAgents, STRATEGIES, type Agent, type AssignmentNeeds, type GeoPoint, type Strategy } from '../assignment';
import type { Facts } from '../rules/facts';
import { getService } from '../utils/get-service';
import { insertLinks } from '../utils/bulk-insert';
import type { RecordInput } from './events';
import { stateOf, workflowOf } from '../workflow';

const isPoint = (v: any): v is GeoPoint => v && typeof v === 'object' && Number.isFinite(v.lat) && Number.isFinite(v.lng);

const toAgent = (row: any): Agent => ({
  id: row.id,
  userId: row.user?.id,
  skills: Array.isArray(row.skills) ? row.skills : [],
  regions: Array.isArray(row.regions) ? row.regions : [],
  capacity: row.capacity ?? 0,
  openCount: row.openCount ?? 0,
  location: isPoint(row.location) ? row.location : null,
  onDuty: row.onDuty !== false,
  awayUntil: row.awayUntil ? new Date(row.awayUntil) : null,
  senior: row.senior === true,
});

/** What strategies look at, from the ticket's facts. */
function needsOf(facts: Facts): AssignmentNeeds {
  const fields = (facts.fields ?? {}) as Record<string, unknown>;
  const values = Object.values(fields);
  return {
    skills: [facts.template, ...((facts.tags as string[]) ?? []), ...values.filter((v): v is string => typeof v === 'string' && v.length <= 64)].filter(
      Boolean
    ) as string[],
    regionCodes: (facts.regionCodes as string[]) ?? [],
    location: (values.find(isPoint) as GeoPoint | undefined) ?? null,
    vip: Number(facts.customerVipLevel ?? 0) >= 3,
  };
}

/** The strategy a team assigns by: the caller's (a rule's), else the team's own, else least loaded. */
const strategyOf = (team: { strategy?: string }, strategy?: Strategy): Strategy =>
  strategy ?? (STRATEGIES.includes(team.strategy as Strategy) ? (team.strategy as Strategy) : 'least_loaded');

/** The timeline entry of an assignment (`agentUserId`) or of a ticket left in the team's queue (null). */
function assignmentEvent(chosen: Strategy, team: string, agentUserId: number | null): RecordInput {
  const actor = { kind: 'system' as const, name: `assignment:${chosen}` };
  return agentUserId === null
    ? { type: EVENT_TYPES.notification, changes: { requested: { to: 'team_lead', team, reason: 'no_eligible_agent' } }, actor, visibility: 'internal' }
    : { type: EVENT_TYPES.assignment, changes: { assignee: { before: null, after: agentUserId }, strategy: chosen, team }, actor, visibility: 'internal' };
}

const createAssignmentService = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => strapi.db.metadata.get(AGENT_UID as any).tableName;
  /** Raw knex inside the caller's transaction (strapi.db.transaction reuses it when nested). */
  const inTrx = <T>(work: (trx: any) => Promise<T>) => strapi.db.transaction(({ trx }) => work(trx));

  /** A team's agents who are admin users (only they can be assignees). */
  const agentsOf = async (team: string): Promise<Agent[]> =>
    (await strapi.db.query(AGENT_UID as any).findMany({ where: { team }, populate: { user: { select: ['id'] } } })).map(toAgent).filter((a: Agent) => a.userId);

  const profileOf = (userId: number) =>
    strapi.db.query(AGENT_UID as any).findOne({ where: { user: { id: userId } }, select: ['id'] }) as Promise<{ id: number } | null>;

  return {
    /**
     * Takes a slot of the agent's capacity, atomically: of two instances racing for the last slot,
     * one row update succeeds. `force` (a manager's manual assignment) may overfill.
     */
    async claim(agentId: number, force = false): Promise<boolean> {
      return inTrx(async (trx) => {
        const query = trx(table()).where({ id: agentId });
        if (!force) query.andWhereRaw('open_count < capacity');
        return (await query.increment('open_count', 1)) === 1;
      });
    },

    /** Gives a slot back (never below zero). */
    async release(agentId: number) {
      await inTrx((trx) => trx(table()).where({ id: agentId }).andWhere('open_count', '>', 0).decrement('open_count', 1));
    },

    /** Moves an admin user's load by one, if they have an agent profile. */
    async adjustUser(userId: number | null, delta: 1 | -1) {
      if (!userId) return;
      const profile = await profileOf(userId);
      if (!profile) return;
      if (delta > 0) await this.claim(profile.id, true);
      else await this.release(profile.id);
    },

    /**
     * Assigns a new ticket of a team to the first agent the strategy ranks whose capacity holds,
     * inside the ticket's transaction; with nobody eligible the ticket waits in the team's queue
     * and the team lead is asked for (a notification request on the timeline).
     */
    async autoAssign(
      ticket: { id: number; documentId: string },
      facts: () => Promise<Facts>,
      strategy?: Strategy,
      known?: { team: string | null; assignee: { id: number } | null }
    ): Promise<number | null> {
      const row: any =
        known ??
        (await strapi.db.query(TICKET_UID as any).findOne({ where: { id: ticket.id }, select: ['team'], populate: { assignee: { select: ['id'] } } }));
      if (!row?.team || row.assignee) return null;
      const team: any = await strapi.db.query(TEAM_UID as any).findOne({ where: { key: row.team } });
      if (!team || (!team.autoAssign && !strategy)) return null;
      const chosen = strategyOf(team, strategy);
      const ranked = rankAgents(chosen, await agentsOf(row.team), needsOf(await facts()), {
        now: new Date(),
        lastAssigned: team.lastAssignedAgent,
        // Equally loaded agents in random order: concurrent creates then claim different rows
        // instead of queueing on the first agent's.
        tieBreak: () => Math.random(),
      });
      const events = getService('events', { strapi });
      for (const agent of ranked) {
        if (!(await this.claim(agent.id))) continue; // filled up since the ranking: next one
        await strapi.db.query(TICKET_UID as any).update({ where: { id: ticket.id }, data: { assignee: agent.userId } });
        // Only round robin needs the cursor; writing it always would serialise every assignment
        // of the team on its row.
        if (chosen === 'round_robin') {
          await strapi.db.query(TEAM_UID as any).update({ where: { id: team.id }, data: { lastAssignedAgent: agent.id } });
        }
        await events.record(ticket, assignmentEvent(chosen, row.team, agent.userId!));
        return agent.userId;
      }
      await events.record(ticket, assignmentEvent(chosen, row.team, null));
      return null;
    },

    /**
     * Auto-assignment of a batch's new tickets, each as `autoAssign` would assign it after the ones
     * before it: per team its row and agents read once, agents ranked for each ticket with the
     * loads the batch has already added, every agent's slots claimed with one conditional UPDATE,
     * the assignee links inserted together and the assignment events recorded together (one pass
     * of the outbox) — a thousand tickets cost a few statements, not twenty each. An agent whose
     * slots were taken meanwhile by another request leaves its tickets to `autoAssign`, one by one.
     */
    async assignMany(list: { ticket: { id: number; documentId: string }; team: string; facts: Facts; strategy?: Strategy }[]): Promise<void> {
      type Item = (typeof list)[number];
      const outcomes: { item: Item; chosen: Strategy; agent: Agent | null }[] = [];
      const lost = new Set<Agent>(); // agents whose slots another request took meanwhile
      const now = new Date();
      for (const team of new Set(list.map((item) => item.team))) {
        const row: any = await strapi.db.query(TEAM_UID as any).findOne({ where: { key: team } });
        if (!row) continue;
        const agents = await agentsOf(team);
        let lastAssigned = row.lastAssignedAgent;
        const claims = new Map<Agent, number>();
        for (const item of list) {
          if (item.team !== team || (!row.autoAssign && !item.strategy)) continue;
          const chosen = strategyOf(row, item.strategy);
          const [agent] = rankAgents(chosen, agents, needsOf(item.facts), { now, lastAssigned, tieBreak: () => Math.random() });
          outcomes.push({ item, chosen, agent: agent ?? null });
          if (!agent) continue;
          agent.openCount += 1; // the next ticket is ranked with this one counted
          claims.set(agent, (claims.get(agent) ?? 0) + 1);
          if (chosen === 'round_robin') lastAssigned = agent.id;
        }
        for (const [agent, count] of claims) {
          const claimed = await inTrx((trx) => trx(table()).where({ id: agent.id }).andWhereRaw('open_count + ? <= capacity', [count]).increment('open_count', count));
          if (claimed !== 1) lost.add(agent);
        }
        if (lastAssigned !== row.lastAssignedAgent) await strapi.db.query(TEAM_UID as any).update({ where: { id: row.id }, data: { lastAssignedAgent: lastAssigned } });
      }
      const settled = outcomes.filter(({ agent }) => !(agent && lost.has(agent)));
      const links = settled.filter(({ agent }) => agent).map(({ item, agent }): [number, number] => [item.ticket.id, agent!.userId!]);
      const events = settled.map(({ item, chosen, agent }) => ({ ticket: item.ticket, input: assignmentEvent(chosen, item.team, agent?.userId ?? null) }));
      await insertLinks(strapi, TICKET_UID, 'assignee', links);
      await getService('events', { strapi }).recordMany(events);
      for (const { item, agent } of outcomes) {
        if (agent && lost.has(agent)) await this.autoAssign(item.ticket, async () => item.facts, item.strategy, { team: item.team, assignee: null });
      }
    },

    /**
     * The agents a manager may pick for a ticket: its team's, in the order the team's strategy
     * would choose (the first is the suggestion), then everyone else; nothing is claimed.
     */
    async candidates(ticketId: number): Promise<{ userId: number; name: string; team: string | null; suggested: boolean; openCount: number; capacity: number }[]> {
      const row: any = await strapi.db.query(TICKET_UID as any).findOne({ where: { id: ticketId }, select: ['team'] });
      const all = (await strapi.db.query(AGENT_UID as any).findMany({ populate: { user: { select: ['id'] } }, orderBy: { name: 'asc' } })).filter((a: any) => a.user);
      const team: any = row?.team ? await strapi.db.query(TEAM_UID as any).findOne({ where: { key: row.team } }) : null;
      const mine = all.filter((a: any) => a.team === row?.team);
      const ranked = team
        ? rankAgents(strategyOf(team), mine.map(toAgent), needsOf(await getService('ticket-facts', { strapi }).forTicket(ticketId)), { now: new Date(), lastAssigned: team.lastAssignedAgent })
        : [];
      const order = [...ranked.map((a) => a.id), ...all.map((a: any) => a.id)];
      const byId = new Map(all.map((a: any) => [a.id, a]));
      return [...new Set(order)].map((id, i) => {
        const a: any = byId.get(id);
        return { userId: a.user.id, name: a.name, team: a.team ?? null, suggested: i === 0 && ranked.length > 0, openCount: a.openCount ?? 0, capacity: a.capacity ?? 0 };
      });
    },

    /** Whether a ticket in `state` occupies its assignee (not resolved, not final). */
    isOpen(template: unknown, state: string): boolean {
      const workflow = workflowOf(template as any);
      return !workflow.final.includes(state) && !stateOf(workflow, state)?.resolves;
    },

    /**
     * Keeps agents' loads true after an update: a new assignee takes a slot, the old one gets it
     * back; resolving or closing frees it, a reopen takes it again.
     */
    async afterUpdate(template: unknown, before: { state: string; assignee: number | null }, after: { state: string; assignee: number | null }) {
      const wasOpen = this.isOpen(template, before.state);
      const nowOpen = this.isOpen(template, after.state);
      if (before.assignee === after.assignee) {
        if (wasOpen !== nowOpen) await this.adjustUser(after.assignee, nowOpen ? 1 : -1);
        return;
      }
      if (wasOpen) await this.adjustUser(before.assignee, -1);
      if (nowOpen) await this.adjustUser(after.assignee, 1);
    },
  };
};

export type AssignmentService = ReturnType<typeof createAssignmentService>;
export default createAssignmentService;
