// Ranks a team's agents for a ticket. Pure: the assignment service then takes the first ranked
// agent whose capacity an atomic counter confirms, so a ranking can be stale without harm.
import type { Agent, AssignmentNeeds, GeoPoint, Strategy } from './types';

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (Haversine): good to well under 1% at city scale. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** On duty, not away, with room: who may take a ticket now. */
export const isEligible = (agent: Agent, now: Date): boolean =>
  agent.onDuty && (!agent.awayUntil || agent.awayUntil.getTime() <= now.getTime()) && agent.openCount < agent.capacity;

const load = (a: Agent) => (a.capacity > 0 ? a.openCount / a.capacity : 1);
/** Stable partition: those passing first, each group in the given order. */
const first = (agents: Agent[], test: (a: Agent) => boolean) => [...agents.filter(test), ...agents.filter((a) => !test(a))];

/**
 * The eligible agents in the order the strategy prefers them. `lastAssigned` is the team's
 * round-robin cursor (the agent id that got the previous ticket).
 */
export function rankAgents(
  strategy: Strategy,
  agents: Agent[],
  needs: AssignmentNeeds,
  opts: { now: Date; lastAssigned?: number | null; tieBreak?: () => number }
): Agent[] {
  const eligible = agents.filter((a) => isEligible(a, opts.now));
  // Ties of load go by id unless the caller shuffles them (see services/assignment.ts).
  const tie = new Map(eligible.map((a) => [a.id, opts.tieBreak ? opts.tieBreak() : a.id]));
  const byLoad = (a: Agent, b: Agent) => load(a) - load(b) || a.openCount - b.openCount || tie.get(a.id)! - tie.get(b.id)!;
  switch (strategy) {
    case 'round_robin': {
      const byId = [...eligible].sort((a, b) => a.id - b.id);
      const next = byId.findIndex((a) => a.id > (opts.lastAssigned ?? 0));
      return next <= 0 ? byId : [...byId.slice(next), ...byId.slice(0, next)];
    }
    case 'skill_match': {
      const matches = (a: Agent) => needs.skills.filter((s) => a.skills.includes(s)).length;
      return [...eligible].sort((a, b) => matches(b) - matches(a) || byLoad(a, b));
    }
    case 'same_region':
      return first([...eligible].sort(byLoad), (a) => a.regions.some((r) => needs.regionCodes.includes(r)));
    case 'nearest': {
      // 就近派单: engineers with a known position, nearest first; without a ticket location,
      // fall back to the least loaded.
      if (!needs.location) return [...eligible].sort(byLoad);
      const distance = (a: Agent) => (a.location ? haversineKm(needs.location!, a.location) : Number.POSITIVE_INFINITY);
      return [...eligible].sort((a, b) => distance(a) - distance(b) || byLoad(a, b));
    }
    case 'vip_senior':
      return first([...eligible].sort(byLoad), (a) => a.senior === needs.vip);
    case 'least_loaded':
    default:
      return [...eligible].sort(byLoad);
  }
}
