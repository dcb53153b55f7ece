// Message texts: Liquid templates (liquidjs) with a closed set of variables, checked when a text
// is saved (an unknown variable or filter is a 400 there, never a blank in a customer's message)
// and rendered strictly. Pure.
import { Liquid } from 'liquidjs';
import type { Audience } from './types';

/** Every variable a text may use; the scope always carries all of them (empty when not applicable). */
export const VARIABLES = [
  'ticket.number',
  'ticket.title',
  'ticket.status',
  'ticket.statusLabel',
  'ticket.priority',
  'ticket.priorityLabel',
  'ticket.template',
  'ticket.source',
  'ticket.url',
  'ticket.createdAt',
  'ticket.firstResponseDueAt',
  'ticket.resolutionDueAt',
  'customer.name',
  'assignee.name',
  'actor.name',
  'team.name',
  'comment.body',
  'approval.level',
  'approval.decision',
  'approval.reason',
  'sla.clock',
  'sla.level',
  'sla.dueAt',
  'rule.name',
  'rule.message',
] as const;

/** The moments that notify, each for one audience. */
export const TEXT_KEYS = {
  created: 'customer',
  state_changed: 'customer',
  state_changed_staff: 'staff',
  assigned: 'staff',
  unassigned: 'staff',
  reply: 'customer',
  customer_reply: 'staff',
  approval_requested: 'staff',
  approval_decided: 'staff',
  sla_warning: 'staff',
  sla_breach: 'staff',
  rule: 'staff',
} as const satisfies Record<string, Audience>;
export type TextKey = keyof typeof TEXT_KEYS;

export const LOCALES = ['zh-Hans', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Text {
  title: string;
  body: string;
}

/** Built-in texts, used where no message-template entry overrides them. Chinese first. */
export const DEFAULT_TEXTS: Record<TextKey, Record<Locale, Text>> = {
  created: {
    'zh-Hans': { title: '工单已受理', body: '{{ customer.name }}您好，您的工单 {{ ticket.number }}（{{ ticket.title }}）已受理，我们会尽快处理。' },
    en: { title: 'Ticket received', body: 'Hello {{ customer.name }}, your ticket {{ ticket.number }} ({{ ticket.title }}) has been received.' },
  },
  state_changed: {
    'zh-Hans': { title: '工单进度更新', body: '您的工单 {{ ticket.number }} 当前状态：{{ ticket.statusLabel }}。' },
    en: { title: 'Ticket update', body: 'Your ticket {{ ticket.number }} is now: {{ ticket.statusLabel }}.' },
  },
  state_changed_staff: {
    'zh-Hans': { title: '工单状态变更', body: '{{ actor.name }} 将工单 {{ ticket.number }}（{{ ticket.title }}）改为「{{ ticket.statusLabel }}」。' },
    en: { title: 'Ticket status changed', body: '{{ actor.name }} moved {{ ticket.number }} ({{ ticket.title }}) to {{ ticket.statusLabel }}.' },
  },
  assigned: {
    'zh-Hans': { title: '新工单待处理', body: '{{ ticket.number }} {{ ticket.title }}\n优先级：{{ ticket.priorityLabel }}\n首次响应截止：{{ ticket.firstResponseDueAt }}' },
    en: { title: 'New ticket for you', body: '{{ ticket.number }} {{ ticket.title }}\nPriority: {{ ticket.priorityLabel }}\nFirst response due: {{ ticket.firstResponseDueAt }}' },
  },
  unassigned: {
    'zh-Hans': { title: '工单无人可派', body: '团队 {{ team.name }} 暂无可接单坐席，工单 {{ ticket.number }}（{{ ticket.title }}）在队列中等待。' },
    en: { title: 'No agent available', body: 'No agent of team {{ team.name }} can take {{ ticket.number }} ({{ ticket.title }}); it waits in the queue.' },
  },
  reply: {
    'zh-Hans': { title: '工单有新回复', body: '您的工单 {{ ticket.number }} 有新回复：{{ comment.body }}' },
    en: { title: 'New reply', body: 'New reply on your ticket {{ ticket.number }}: {{ comment.body }}' },
  },
  customer_reply: {
    'zh-Hans': { title: '客户回复', body: '{{ customer.name }} 回复了工单 {{ ticket.number }}：{{ comment.body }}' },
    en: { title: 'Customer replied', body: '{{ customer.name }} replied on {{ ticket.number }}: {{ comment.body }}' },
  },
  approval_requested: {
    'zh-Hans': { title: '待您审批', body: '工单 {{ ticket.number }}（{{ ticket.title }}）等待审批：{{ approval.level }}。' },
    en: { title: 'Approval needed', body: 'Ticket {{ ticket.number }} ({{ ticket.title }}) awaits your approval: {{ approval.level }}.' },
  },
  approval_decided: {
    'zh-Hans': { title: '审批结果', body: '工单 {{ ticket.number }} 的审批（{{ approval.level }}）：{{ approval.decision }}。{{ approval.reason }}' },
    en: { title: 'Approval decided', body: 'Approval {{ approval.level }} of {{ ticket.number }}: {{ approval.decision }}. {{ approval.reason }}' },
  },
  sla_warning: {
    'zh-Hans': { title: 'SLA 即将超时', body: '工单 {{ ticket.number }}（{{ ticket.title }}）将于 {{ sla.dueAt }} 超时。' },
    en: { title: 'SLA due soon', body: 'Ticket {{ ticket.number }} ({{ ticket.title }}) is due at {{ sla.dueAt }}.' },
  },
  sla_breach: {
    'zh-Hans': { title: 'SLA 已超时', body: '工单 {{ ticket.number }}（{{ ticket.title }}）已于 {{ sla.dueAt }} 超时，优先级：{{ ticket.priorityLabel }}。' },
    en: { title: 'SLA breached', body: 'Ticket {{ ticket.number }} ({{ ticket.title }}) breached at {{ sla.dueAt }}; priority {{ ticket.priorityLabel }}.' },
  },
  rule: {
    'zh-Hans': { title: '规则提醒：{{ rule.name }}', body: '{{ rule.message }}\n工单 {{ ticket.number }}（{{ ticket.title }}），优先级：{{ ticket.priorityLabel }}' },
    en: { title: 'Rule alert: {{ rule.name }}', body: '{{ rule.message }}\nTicket {{ ticket.number }} ({{ ticket.title }}), priority {{ ticket.priorityLabel }}' },
  },
};

const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, cache: 500 });
const ALLOWED = new Set<string>(VARIABLES);

/** Problems with a text (empty when it is fine): syntax errors, unknown variables or filters. */
export function checkText(text: string): string[] {
  let templates;
  try {
    templates = engine.parse(text);
  } catch (error) {
    return [`is not a valid template: ${firstLine(error)}`];
  }
  const problems: string[] = [];
  for (const variable of engine.globalFullVariablesSync(templates)) {
    if (!ALLOWED.has(variable)) problems.push(`uses unknown variable {{ ${variable} }}; known: ${VARIABLES.join(', ')}`);
  }
  if (problems.length) return problems;
  try {
    engine.renderSync(templates, sampleScope());
  } catch (error) {
    problems.push(`cannot be rendered: ${firstLine(error)}`);
  }
  return problems;
}

/** A nested scope from flat `a.b` values; every known variable present (missing ones empty). */
/** Each variable's two parts, split once (every message is rendered with all of them). */
const VARIABLE_PARTS = VARIABLES.map((variable) => [variable, ...variable.split('.')] as const);

export function scopeOf(values: Partial<Record<(typeof VARIABLES)[number], string | number | null | undefined>>) {
  const scope: Record<string, Record<string, string>> = {};
  for (const [variable, head, tail] of VARIABLE_PARTS) {
    const value = values[variable];
    (scope[head] ??= {})[tail] = value === null || value === undefined ? '' : String(value);
  }
  return scope;
}

export function renderText(text: Text, scope: object): Text {
  return { title: engine.parseAndRenderSync(text.title, scope).trim(), body: engine.parseAndRenderSync(text.body, scope).trim() };
}

function sampleScope() {
  return scopeOf(Object.fromEntries(VARIABLES.map((v) => [v, 'x'])));
}

function firstLine(error: unknown) {
  return String((error as Error)?.message ?? error).split('\n')[0];
}
