// Which timeline events notify whom, with which text. Pure: the outbox service resolves the
// targets to people and addresses, renders the texts and writes the rows.
import type { TextKey } from './texts';

export type Target =
  | { kind: 'customer' }
  | { kind: 'assignee' }
  | { kind: 'user'; id?: number; documentId?: string }
  | { kind: 'team_lead'; team?: string | null }
  | { kind: 'roles'; roles: string[] }
  | { kind: 'regional_manager' };

export interface Intent {
  text: TextKey;
  target: Target;
  urgent: boolean;
  /** Wait for the business hours of the ticket's SLA policy (non-urgent escalations). */
  duringBusinessHours?: boolean;
  /** Extra variables of this moment (comment body, approval level, SLA due time, rule …). */
  vars?: Record<string, string | null | undefined>;
}

export interface PlannedEvent {
  type: string;
  visibility?: string | null;
  actor?: { kind?: string; id?: number | string; name?: string } | null;
  changes?: any;
  body?: string | null;
}

export interface PlanTicket {
  hasCustomer: boolean;
  assigneeId: number | null;
  state: string;
  approval?: { current?: number; levels?: { key: string; label?: Record<string, string>; roles: string[] }[] } | null;
  source?: string | null;
}

/** Entries where the customer is in a chat, waiting: the ticket number is the answer, quiet hours or not. */
const CHAT_SOURCES = new Set(['wecom_kf']);

const AWAITING_APPROVAL = 'awaiting_approval';

/** The notifications an event asks for (none for most field edits and internal notes). */
export function planNotifications(event: PlannedEvent, ticket: PlanTicket): Intent[] {
  const changes = event.changes ?? {};
  const byCustomer = event.actor?.kind === 'user';
  const intents: Intent[] = [];
  switch (event.type) {
    case 'created':
      if (ticket.hasCustomer) intents.push({ text: 'created', target: { kind: 'customer' }, urgent: CHAT_SOURCES.has(ticket.source ?? '') });
      break;
    case 'state_changed': {
      // The customer hears of every move; the assignee of moves someone else made.
      if (ticket.hasCustomer && !byCustomer) intents.push({ text: 'state_changed', target: { kind: 'customer' }, urgent: false });
      const byAssignee = event.actor?.kind === 'admin' && Number(event.actor.id) === ticket.assigneeId;
      if (ticket.assigneeId !== null && !byAssignee) {
        intents.push({ text: 'state_changed_staff', target: { kind: 'assignee' }, urgent: false });
      }
      break;
    }
    case 'assignment': {
      const after = changes.assignee?.after;
      if (typeof after === 'number') intents.push({ text: 'assigned', target: { kind: 'user', id: after }, urgent: false });
      break;
    }
    case 'field_changed': {
      // A hand-made reassignment is audited by the assignee's documentId.
      const after = changes.assignee?.after;
      if (typeof after === 'string') intents.push({ text: 'assigned', target: { kind: 'user', documentId: after }, urgent: false });
      break;
    }
    case 'comment':
      if (event.visibility !== 'public') break;
      if (byCustomer) {
        if (ticket.assigneeId !== null) intents.push({ text: 'customer_reply', target: { kind: 'assignee' }, urgent: false, vars: { 'comment.body': event.body } });
      } else if (ticket.hasCustomer) {
        intents.push({ text: 'reply', target: { kind: 'customer' }, urgent: false, vars: { 'comment.body': event.body } });
      }
      break;
    case 'approval':
      intents.push(...planApproval(changes, event.body ?? null, ticket));
      break;
    case 'notification':
      if (changes.requested) intents.push(planRequest(changes.requested, changes.rule ?? null));
      break;
    default:
      break;
  }
  return intents;
}

function levelAt(ticket: PlanTicket, index: number) {
  return ticket.approval?.levels?.[index];
}

function planApproval(changes: any, reason: string | null, ticket: PlanTicket): Intent[] {
  if (changes.requested) {
    const level = levelAt(ticket, 0);
    return level ? [approvers(level)] : [];
  }
  const decision = changes.decision;
  if (!decision) return [];
  if (!decision.final && ticket.state === AWAITING_APPROVAL) {
    // The next level's approvers take over (the decision moved `current` on).
    const level = levelAt(ticket, ticket.approval?.current ?? 0);
    return level ? [approvers(level)] : [];
  }
  if (ticket.assigneeId === null) return [];
  return [
    {
      text: 'approval_decided',
      target: { kind: 'assignee' },
      urgent: false,
      vars: { 'approval.level': decision.level, 'approval.decision': decision.decision, 'approval.reason': reason },
    },
  ];
}

function approvers(level: { key: string; label?: Record<string, string>; roles: string[] }): Intent {
  return {
    text: 'approval_requested',
    target: { kind: 'roles', roles: level.roles },
    urgent: false,
    vars: { 'approval.level': level.label?.['zh-Hans'] ?? level.key },
  };
}

/** A `notification` request from a rule, an SLA level or the assignment queue. */
function planRequest(requested: any, rule: string | null): Intent {
  const to: string = requested.to;
  const target: Target =
    to === 'assignee'
      ? { kind: 'assignee' }
      : to === 'customer'
        ? { kind: 'customer' }
        : to === 'regional_manager'
          ? { kind: 'regional_manager' }
          : { kind: 'team_lead', team: requested.team ?? null };
  if (requested.reason === 'no_eligible_agent') {
    return { text: 'unassigned', target, urgent: false, vars: { 'team.name': requested.team ?? null } };
  }
  if (requested.sla) {
    const breach = requested.at !== 'warn';
    return {
      text: breach ? 'sla_breach' : 'sla_warning',
      target,
      // A breach is urgent (sent at night too); a warning waits for the policy's business hours.
      urgent: breach,
      duringBusinessHours: !breach,
      vars: { 'sla.clock': String(requested.sla).split(':')[0], 'sla.level': String(requested.sla).split(':')[1], 'sla.dueAt': requested.dueAt ?? null },
    };
  }
  return { text: 'rule', target, urgent: true, vars: { 'rule.name': rule, 'rule.message': requested.message ?? '' } };
}
