// What a routing rule does when it matches, checked on save and applied in rule order. Pure.
import { isPlainObject } from '../fields/guards';
import type { FieldError, Path } from '../fields/types';
import { STRATEGIES, type Strategy } from '../assignment/types';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const NOTIFY_TARGETS = ['team_lead', 'assignee', 'customer'] as const;

export type RuleAction =
  | { type: 'setPriority'; priority: Priority }
  | { type: 'addTags'; tags: string[] }
  | { type: 'setTeam'; team: string }
  | { type: 'assign'; agent: number }
  | { type: 'assign'; strategy: Strategy }
  | { type: 'escalate' }
  | { type: 'notify'; to: (typeof NOTIFY_TARGETS)[number]; message?: string }
  /** Resolving the ticket needs this approval policy's levels (e.g. refunds, complaints). */
  | { type: 'requireApproval'; policy: string };

const PARAMS: Record<RuleAction['type'], string[]> = {
  setPriority: ['priority'],
  addTags: ['tags'],
  setTeam: ['team'],
  assign: ['agent', 'strategy'],
  escalate: [],
  notify: ['to', 'message'],
  requireApproval: ['policy'],
};

export const POLICY_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_ACTIONS = 20;

function checkAction(a: Record<string, unknown>, at: Path, errors: FieldError[]) {
  const type = a.type as RuleAction['type'];
  const params = PARAMS[type];
  if (!params) return void errors.push({ path: [...at, 'type'], message: `must be one of ${Object.keys(PARAMS).join(', ')}` });
  for (const prop of Object.keys(a)) {
    if (prop !== 'type' && !params.includes(prop)) errors.push({ path: [...at, prop], message: `is not a parameter of ${type}` });
  }
  const fail = (prop: string, message: string) => errors.push({ path: [...at, prop], message });
  switch (type) {
    case 'setPriority':
      if (!PRIORITIES.includes(a.priority as Priority)) fail('priority', `must be one of ${PRIORITIES.join(', ')}`);
      break;
    case 'addTags':
      if (!Array.isArray(a.tags) || a.tags.length === 0 || a.tags.length > 20 || a.tags.some((t) => typeof t !== 'string' || !t.trim() || t.length > 32)) {
        fail('tags', 'must be 1-20 tags of 1-32 characters');
      }
      break;
    case 'setTeam':
      if (typeof a.team !== 'string' || !a.team.trim() || a.team.length > 64) fail('team', 'must be a team key of 1-64 characters');
      break;
    case 'assign':
      if (a.strategy !== undefined) {
        if (a.agent !== undefined) fail('agent', 'cannot be given with a strategy');
        else if (!STRATEGIES.includes(a.strategy as Strategy)) fail('strategy', `must be one of ${STRATEGIES.join(', ')}`);
      } else if (!Number.isSafeInteger(a.agent) || (a.agent as number) < 1) {
        fail('agent', 'must be the id of an admin user (or give a strategy)');
      }
      break;
    case 'notify':
      if (!NOTIFY_TARGETS.includes(a.to as any)) fail('to', `must be one of ${NOTIFY_TARGETS.join(', ')}`);
      if (a.message !== undefined && (typeof a.message !== 'string' || a.message.length > 500)) fail('message', 'must be a text of at most 500 characters');
      break;
    case 'requireApproval':
      if (typeof a.policy !== 'string' || !POLICY_KEY.test(a.policy)) fail('policy', 'must be the key of an approval policy');
      break;
  }
}

export function validateActions(value: unknown, basePath: Path = ['actions']): FieldError[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ACTIONS) {
    return [{ path: basePath, message: `must list 1 to ${MAX_ACTIONS} actions` }];
  }
  const errors: FieldError[] = [];
  value.forEach((a, i) => {
    if (!isPlainObject(a)) errors.push({ path: [...basePath, i], message: 'must be { type, ...parameters }' });
    else checkAction(a, [...basePath, i], errors);
  });
  return errors;
}

// A type, not an interface: it is passed where a plain record is expected (diffAttributes).
export type RoutedTicket = {
  priority: Priority;
  tags: string[];
  team: string | null;
  assignee: number | null;
  /** Approval policy that resolving the ticket needs (set by a `requireApproval` action). */
  requiredApproval: string | null;
};

/** What the rules may change of a stored ticket row (its assignee populated as `{ id }`). */
export const routedOf = (row: { priority: Priority; tags?: unknown; team?: string | null; assignee?: { id: number } | null; requiredApproval?: string | null }): RoutedTicket => ({
  priority: row.priority,
  tags: Array.isArray(row.tags) ? row.tags : [],
  team: row.team ?? null,
  assignee: row.assignee?.id ?? null,
  requiredApproval: row.requiredApproval ?? null,
});

export interface Routing {
  ticket: RoutedTicket;
  notify: { to: string; message?: string }[];
  /** Assign by this strategy within the ticket's team (after the rules). */
  assignStrategy?: Strategy;
}

const raise = (p: Priority): Priority => PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)];

/** The ticket after the actions, in order: later settings win, tags accumulate, escalations add up. */
export function applyActions(start: RoutedTicket, actions: RuleAction[]): Routing {
  const ticket = { ...start, tags: [...start.tags] };
  const notify: Routing['notify'] = [];
  let assignStrategy: Strategy | undefined;
  for (const a of actions) {
    switch (a.type) {
      case 'setPriority':
        ticket.priority = a.priority;
        break;
      case 'escalate':
        ticket.priority = raise(ticket.priority);
        break;
      case 'addTags':
        for (const tag of a.tags) if (!ticket.tags.includes(tag)) ticket.tags.push(tag);
        break;
      case 'setTeam':
        ticket.team = a.team;
        break;
      case 'assign':
        if ('strategy' in a) assignStrategy = a.strategy;
        else ticket.assignee = a.agent;
        break;
      case 'notify':
        notify.push({ to: a.to, ...(a.message ? { message: a.message } : {}) });
        break;
      case 'requireApproval':
        ticket.requiredApproval = a.policy;
        break;
    }
  }
  return { ticket, notify, ...(assignStrategy ? { assignStrategy } : {}) };
}
