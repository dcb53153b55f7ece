import type { Label } from '../fields/types';

/** An item that must be ticked before a ticket may leave the state it belongs to. */
export interface ChecklistItem {
  key: string;
  label: Label;
}

export interface StateDefinition {
  key: string;
  label: Label;
  /** The SLA clocks stop while a ticket is in this state (e.g. waiting for the customer). */
  pausesSla?: boolean;
  /** Entering it stamps `resolvedAt` (the resolution SLA is met here, not at closing). */
  resolves?: boolean;
  checklist?: ChecklistItem[];
}

/**
 * Who may take a transition: admin role codes or names (`strapi-editor`, `店长`), `*` (any staff
 * member or integration), `customer` (the ticket's own customer) or `integration` (API tokens).
 * Without `roles` it is `['*']`: staff and integrations may, customers may not. Super admins and
 * the system (scripts, jobs) may take every transition.
 */
export interface TransitionDefinition {
  from: string | string[];
  to: string;
  roles?: string[];
  /** The key of the approval policy whose levels must approve before the ticket moves on. */
  approval?: string;
}

export interface WorkflowDefinition {
  initial: string;
  final: string[];
  states: StateDefinition[];
  transitions: TransitionDefinition[];
}

/** Roles that are not admin roles. */
export const CUSTOMER_ROLE = 'customer';
export const INTEGRATION_ROLE = 'integration';
export const ANY_STAFF = '*';
export const SUPER_ADMIN_CODE = 'strapi-super-admin';

/** Where a ticket waits while its transition is being approved; reserved in every workflow. */
export const AWAITING_APPROVAL = 'awaiting_approval';

export interface WorkflowError {
  status: 400 | 403;
  path: (string | number)[];
  message: string;
}
