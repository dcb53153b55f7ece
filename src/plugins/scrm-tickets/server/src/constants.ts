// Every UID, table name and event name of the plugin lives here: no string literal elsewhere.
export const PLUGIN_ID = 'scrm-tickets';

export const TICKET_UID = 'plugin::scrm-tickets.ticket';
export const TEMPLATE_UID = 'plugin::scrm-tickets.ticket-template';
/**
 * The low-code editors: custom fields of type json (the stored value, the API and imports stay
 * plain JSON); admin/src/index.ts registers an input for each by the same name.
 */
export const CUSTOM_FIELDS = {
  /** ticket-template.fieldDefinitions: the template designer. */
  templateFields: 'template-fields',
  /** ticket-template.workflow: states, transitions, checklists, approvals. */
  workflow: 'workflow',
  /** routing-rule.conditions: the rule builder, with "try it" on a ticket. */
  ruleConditions: 'rule-conditions',
  /** routing-rule.actions. */
  ruleActions: 'rule-actions',
  /** settlement-tier.model: base fees, brackets, split chain with a worked example. */
  tierModel: 'tier-model',
  /** sla-policy.schedule: the business calendar and hours, with the due times of a ticket reported now. */
  businessHours: 'business-hours',
  /** sla-policy.*Minutes: a target in business hours and minutes (an integer of minutes). */
  businessMinutes: 'business-minutes',
  /** sla-policy.escalations. */
  escalations: 'sla-escalations',
  /** sla-policy.pauseStates: workflow states picked by name. */
  pauseStates: 'pause-states',
  /** sla-policy.responseActions. */
  responseActions: 'response-actions',
  /** ticket-template.slaPolicy: which SLA policy the template follows. */
  slaPin: 'sla-pin',
  /** approval-policy.levels: who decides each level, and when it applies. */
  approvalLevels: 'approval-levels',
} as const;

/** How each is stored and how wide it is in the edit view (json across the whole width unless said here). */
export const customFieldShape = (name: string): { type: 'json' | 'integer'; size: 4 | 6 | 12 } =>
  name === CUSTOM_FIELDS.businessMinutes
    ? { type: 'integer', size: 4 }
    : [CUSTOM_FIELDS.pauseStates, CUSTOM_FIELDS.responseActions, CUSTOM_FIELDS.slaPin].includes(name as never)
      ? { type: 'json', size: 6 }
      : { type: 'json', size: 12 };
export const REGION_UID = 'plugin::scrm-tickets.region';
export const EVENT_UID = 'plugin::scrm-tickets.ticket-event';
export const LIBRARY_UID = 'plugin::scrm-tickets.project-library';
export const TIER_UID = 'plugin::scrm-tickets.settlement-tier';
export const APPROVAL_POLICY_UID = 'plugin::scrm-tickets.approval-policy';
export const ROUTING_RULE_UID = 'plugin::scrm-tickets.routing-rule';
export const SLA_POLICY_UID = 'plugin::scrm-tickets.sla-policy';
export const TEAM_UID = 'plugin::scrm-tickets.team';
export const AGENT_UID = 'plugin::scrm-tickets.agent-profile';
export const NOTIFICATION_UID = 'plugin::scrm-tickets.notification';
export const MESSAGE_TEMPLATE_UID = 'plugin::scrm-tickets.message-template';
export const STATEMENT_UID = 'plugin::scrm-tickets.settlement-statement';
export const CURRENCY_RATE_UID = 'plugin::scrm-tickets.currency-rate';
export const PRICE_LIST_UID = 'plugin::scrm-tickets.price-list';
export const INTAKE_SOURCE_UID = 'plugin::scrm-tickets.intake-source';
export const USER_UID = 'plugin::users-permissions.user';

/** Admin RBAC actions (registered in bootstrap; more arrive with the admin panel issue). */
export const ACTIONS = {
  read: 'plugin::scrm-tickets.ticket.read',
  create: 'plugin::scrm-tickets.ticket.create',
  update: 'plugin::scrm-tickets.ticket.update',
  assign: 'plugin::scrm-tickets.ticket.assign',
  export: 'plugin::scrm-tickets.ticket.export',
  transition: 'plugin::scrm-tickets.ticket.transition',
  approve: 'plugin::scrm-tickets.ticket.approve',
  retryNotification: 'plugin::scrm-tickets.notification.retry',
  readQueues: 'plugin::scrm-tickets.queues.read',
  settle: 'plugin::scrm-tickets.settlement.settle',
  reports: 'plugin::scrm-tickets.report.read',
  configure: 'plugin::scrm-tickets.library.manage',
} as const;

/** Per-day ticket counters; created by the app's knex migration (database/migrations). */
export const COUNTER_TABLE = 'scrm_ticket_counters';
/** SLA escalation timers; created by the app's knex migration. */
export const SLA_TIMER_TABLE = 'scrm_sla_timers';
/** The notification outbox (content type `notification`), claimed with raw conditional UPDATEs. */
export const NOTIFICATION_TABLE = 'scrm_notifications';
/** Settlement lines (one per ticket and payee, or a period line) and runs; the app's knex migration. */
export const SETTLEMENT_LINE_TABLE = 'scrm_settlement_lines';
export const SETTLEMENT_RUN_TABLE = 'scrm_settlement_runs';

export const EVENT_TYPES = {
  created: 'created',
  fieldChanged: 'field_changed',
  stateChanged: 'state_changed',
  comment: 'comment',
  approval: 'approval',
  ruleApplied: 'rule_applied',
  assignment: 'assignment',
  slaWarning: 'sla_warning',
  slaBreach: 'sla_breach',
  notification: 'notification',
  templateUpdated: 'template_updated',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** Ticket attributes whose changes are audited one by one (fields are audited per key). */
export const AUDITED_ATTRIBUTES = [
  'title',
  'priority',
  'source',
  'team',
  'tags',
  'reportedAt',
  'amountFen',
  'compensationFen',
  'externalRef',
  'csat',
  'csatComment',
  'checklist',
] as const;

/** Relations whose changes are audited, recorded by the related documentId. */
export const AUDITED_RELATIONS = ['customer', 'order', 'opportunity', 'region', 'assignee'] as const;

/** Attributes no caller sets directly: the write middleware owns them. */
export const SYSTEM_ATTRIBUTES = [
  'number',
  'version',
  'idempotencyKey',
  'approval',
  'approvalState',
  // Set by a routing rule's requireApproval action.
  'requiredApproval',
  // The SLA service keeps these from the policy and the status history.
  'slaPolicyKey',
  'slaPausedAt',
  'firstResponseDueAt',
  'nextReplyDueAt',
  'resolutionDueAt',
  'slaMet',
  // Counted by the workflow on each reopen (workflow/stamps.ts): the reports' reopen rate.
  'reopenCount',
] as const;

/** What a staff member does that counts as answering the customer (per SLA policy). */
export const RESPONSE_ACTIONS = ['public_reply', 'transition'] as const;

/** How far a client clock may run ahead before `reportedAt` counts as "in the future". */
export const REPORTED_AT_SKEW_MS = 60_000;
/** The dashboard's rollups, the days to rebuild and the last day built; the app's knex migration. */
export const REPORT_ROLLUP_TABLE = 'scrm_report_rollups';
export const REPORT_DURATION_TABLE = 'scrm_report_durations';
export const REPORT_MARGINAL_TABLE = 'scrm_report_marginals';
export const REPORT_HISTOGRAM_TABLE = 'scrm_report_histograms';
export const REPORT_DIRTY_TABLE = 'scrm_report_dirty';
export const REPORT_STATE_TABLE = 'scrm_report_state';

/** The ticket sources named by the plugin (besides `webhook:<name>`): list filters and rule conditions offer them. */
export const SOURCES = [
  'api',
  'admin',
  'wecom',
  'wecom_kf',
  'wecom_menu',
  'wecom_sidebar',
  'workbench',
  'h5',
  'mini_program',
  'official_account',
  'ecommerce',
  'phone',
  'email',
  'import',
];
