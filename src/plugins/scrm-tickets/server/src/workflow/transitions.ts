// Which transitions a ticket may take and who may take them. Pure: the workflow service feeds it
// the template's workflow, the ticket and the actor, and turns a refusal into a 400 or 403.
import { DEFAULT_WORKFLOW } from './default-workflow';
import {
  ANY_STAFF,
  AWAITING_APPROVAL,
  CUSTOMER_ROLE,
  INTEGRATION_ROLE,
  SUPER_ADMIN_CODE,
  type StateDefinition,
  type TransitionDefinition,
  type WorkflowDefinition,
  type WorkflowError,
} from './types';

export interface WorkflowActor {
  kind: 'admin' | 'user' | 'api-token' | 'system';
  /** Admin roles, by code and name. */
  roles?: { code?: string; name?: string }[];
  /** A users-permissions user who is the ticket's customer. */
  isTicketCustomer?: boolean;
}

export interface TicketState {
  state: string;
  checklist?: Record<string, string[]> | null;
}

/** Ticks per state: `{ in_progress: ['photo', 'signature'] }`. */
export type Checklist = Record<string, string[]>;

export const workflowOf = (template: { workflow?: unknown } | null | undefined): WorkflowDefinition =>
  (template?.workflow as WorkflowDefinition | null | undefined) ?? DEFAULT_WORKFLOW;

export const stateOf = (workflow: WorkflowDefinition, key: string): StateDefinition | undefined =>
  workflow.states.find((s) => s.key === key);

const froms = (t: TransitionDefinition) => (Array.isArray(t.from) ? t.from : [t.from]);

const roleMatches = (role: string, actor: WorkflowActor): boolean => {
  if (role === ANY_STAFF) return actor.kind === 'admin' || actor.kind === 'api-token';
  if (role === CUSTOMER_ROLE) return actor.kind === 'user' && actor.isTicketCustomer === true;
  if (role === INTEGRATION_ROLE) return actor.kind === 'api-token';
  return actor.kind === 'admin' && (actor.roles ?? []).some((r) => r.code === role || r.name === role);
};

export const mayTake = (t: TransitionDefinition, actor: WorkflowActor): boolean => {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'admin' && (actor.roles ?? []).some((r) => r.code === SUPER_ADMIN_CODE)) return true;
  return (t.roles ?? [ANY_STAFF]).some((role) => roleMatches(role, actor));
};

/** Items of the state's checklist not yet ticked on the ticket. */
export const untickedItems = (workflow: WorkflowDefinition, ticket: TicketState): string[] => {
  const items = stateOf(workflow, ticket.state)?.checklist ?? [];
  const ticked = new Set(ticket.checklist?.[ticket.state] ?? []);
  return items.map((i) => i.key).filter((key) => !ticked.has(key));
};

export type Plan = { ok: true; transition: TransitionDefinition } | { ok: false; error: WorkflowError };

const refuse = (status: 400 | 403, path: (string | number)[], message: string): Plan => ({
  ok: false,
  error: { status, path, message },
});

/**
 * Whether `actor` may move the ticket to `to` now, and by which transition. Refusals say why:
 * an unknown or unconnected state and an unticked checklist are 400, a role that may not is 403.
 */
export function planTransition(workflow: WorkflowDefinition, ticket: TicketState, to: string, actor: WorkflowActor): Plan {
  if (ticket.state === AWAITING_APPROVAL) {
    return refuse(400, ['state'], 'is awaiting approval: approve or reject it first');
  }
  if (to === ticket.state) return refuse(400, ['to'], `is already the ticket's state`);
  if (!stateOf(workflow, to)) return refuse(400, ['to'], 'names no state of this ticket\'s workflow');
  const candidates = workflow.transitions.filter((t) => t.to === to && froms(t).includes(ticket.state));
  if (candidates.length === 0) return refuse(400, ['to'], `cannot be reached from ${ticket.state}`);
  const allowed = candidates.find((t) => mayTake(t, actor));
  if (!allowed) return refuse(403, ['to'], `your role may not move a ticket from ${ticket.state} to ${to}`);
  const missing = untickedItems(workflow, ticket);
  if (missing.length > 0) {
    return refuse(400, ['checklist', ticket.state, missing[0]], `must be ticked before leaving ${ticket.state} (unticked: ${missing.join(', ')})`);
  }
  return { ok: true, transition: allowed };
}

export interface AvailableTransition {
  to: string;
  label: StateDefinition['label'];
  approval?: string;
  /** Checklist items that still block it. */
  unticked: string[];
}

/** The transitions the actor could take from the ticket's state, for buttons and board columns. */
export function availableTransitions(workflow: WorkflowDefinition, ticket: TicketState, actor: WorkflowActor): AvailableTransition[] {
  if (ticket.state === AWAITING_APPROVAL) return [];
  const unticked = untickedItems(workflow, ticket);
  const seen = new Set<string>();
  const result: AvailableTransition[] = [];
  for (const t of workflow.transitions) {
    if (seen.has(t.to) || !froms(t).includes(ticket.state) || !mayTake(t, actor)) continue;
    seen.add(t.to);
    result.push({ to: t.to, label: stateOf(workflow, t.to)!.label, approval: t.approval, unticked });
  }
  return result;
}

/**
 * A checklist update checked against the workflow: only states that have a checklist, only their
 * items, no repeats. Returns errors under `checklist`.
 */
export function checkChecklist(workflow: WorkflowDefinition, value: unknown): { path: (string | number)[]; message: string }[] {
  if (value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [{ path: ['checklist'], message: 'must map states to lists of ticked item keys' }];
  const errors: { path: (string | number)[]; message: string }[] = [];
  for (const [state, ticks] of Object.entries(value as Record<string, unknown>)) {
    const items = new Set((stateOf(workflow, state)?.checklist ?? []).map((i) => i.key));
    if (items.size === 0) {
      errors.push({ path: ['checklist', state], message: 'names no state with a checklist' });
      continue;
    }
    if (!Array.isArray(ticks)) {
      errors.push({ path: ['checklist', state], message: 'must be a list of ticked item keys' });
      continue;
    }
    const seen = new Set<unknown>();
    ticks.forEach((tick, i) => {
      if (typeof tick !== 'string' || !items.has(tick)) errors.push({ path: ['checklist', state, i], message: `names no item of ${state}'s checklist` });
      else if (seen.has(tick)) errors.push({ path: ['checklist', state, i], message: 'is ticked twice' });
      seen.add(tick);
    });
  }
  return errors;
}
