import type { LocalizedLabel, Priority, Problem } from '../tickets/types';

// The shapes of the detail API (GET /scrm-tickets/tickets/:documentId/detail), as far as the page
// reads them.

export type FieldType =
  | 'text' | 'textarea' | 'number' | 'money' | 'date' | 'datetime' | 'select' | 'multiselect'
  | 'boolean' | 'mobile' | 'email' | 'media' | 'region' | 'location';

export interface FieldDefinition {
  key: string;
  label: LocalizedLabel;
  type: FieldType;
  required?: boolean;
  options?: { value: string; label: LocalizedLabel }[];
  /** May be written in one language only. */
  helpText?: Partial<LocalizedLabel>;
  /** Shown only while another field's value matches; the server refuses a value for a hidden field. */
  visibleWhen?: { field: string; equals?: unknown; in?: unknown[]; notEmpty?: boolean };
}

export interface ChecklistItem {
  key: string;
  label: LocalizedLabel;
}

export interface Template {
  key: string;
  name: string;
  fieldDefinitions: FieldDefinition[];
  states: { key: string; label: LocalizedLabel; checklist: ChecklistItem[] }[];
}

export interface Approval {
  from: string;
  to: string;
  /** Index of the level that decides now. */
  current: number;
  levels: { key: string; label: LocalizedLabel; roles: string[] }[];
}

export interface Ticket {
  documentId: string;
  number: string;
  title: string;
  version: number;
  state: string;
  stateLabel: LocalizedLabel | null;
  priority: Priority;
  fields: Record<string, unknown> | null;
  /** Ticked item keys per state. */
  checklist: Record<string, string[]> | null;
  createdAt: string;
  firstResponseDueAt: string | null;
  nextReplyDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  slaPausedAt: string | null;
  slaMet: boolean | null;
  approvalState: 'none' | 'pending' | 'approved' | 'rejected';
  approval: Approval | null;
  assignee: { id: number; name: string } | null;
  customer: { name: string; mobile: string | null; email: string | null; vipLevel: number | null } | null;
}

export type EventType =
  | 'created' | 'field_changed' | 'state_changed' | 'comment' | 'approval' | 'rule_applied'
  | 'assignment' | 'sla_warning' | 'sla_breach' | 'notification' | 'template_updated';

export interface TicketEvent {
  id: number;
  type: EventType;
  visibility: 'public' | 'internal';
  actor: { kind: 'admin' | 'user' | 'api-token' | 'system'; name?: string };
  /** Before → after per attribute (`fields.<key>` for template fields); other types carry their own detail. */
  changes: Record<string, any> | null;
  body: string | null;
  attachments: { id: number; url: string; name: string }[] | null;
  occurredAt: string;
}

export interface Transition {
  to: string;
  label: LocalizedLabel;
  approval?: string;
  /** The current state's checklist items still to tick: keys (as the server sends them) or items. */
  unticked: (string | ChecklistItem)[];
}

export interface Notification {
  documentId: string;
  textKey: string;
  audience: string;
  /** Set once a channel is tried. */
  channel: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface Candidate {
  userId: number;
  name: string;
  suggested: boolean;
  openCount: number;
  capacity: number;
}

export interface Detail {
  ticket: Ticket;
  template: Template | null;
  events: TicketEvent[];
  transitions: Transition[];
  notifications: Notification[];
  candidates: Candidate[];
  /** The reader's rights: controls they do not hold are not offered. */
  can: { update: boolean; assign: boolean; transition: boolean; approve: boolean };
}

/** What the server said when it refused an action. */
export interface Refusal {
  status?: number;
  /** For the alert, one line each. */
  lines: string[];
  /** A 400's errors with their paths, for a form to show at its fields. */
  problems: Problem[];
}

/** The PUT body of an edit: the version read, and what changes. */
export interface TicketUpdate {
  version: number;
  title?: string;
  priority?: Priority;
  fields?: Record<string, unknown>;
  checklist?: Record<string, string[]>;
}
