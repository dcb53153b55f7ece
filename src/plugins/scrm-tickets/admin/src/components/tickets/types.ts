// The shapes of the plugin's ticket list API (GET /scrm-tickets/tickets and /tickets/facets) and
// the values this page offers for its parameters.

/** A label the server keeps in Chinese and, where someone wrote it, in English. */
export interface LocalizedLabel {
  'zh-Hans': string;
  en?: string;
}

export const VIEWS = ['all', 'mine', 'due_soon', 'my_approvals'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const SLA_RISKS = ['breached', 'due_soon'] as const;
/** Sort parameter → the translation key of its option. */
export const SORTS = {
  'createdAt:desc': 'newest',
  'createdAt:asc': 'oldest',
  'resolutionDueAt:asc': 'dueFirst',
} as const;

export type Priority = (typeof PRIORITIES)[number];
export type SlaRisk = (typeof SLA_RISKS)[number];

export interface TicketRow {
  documentId: string;
  number: string;
  title: string;
  state: string;
  stateLabel: LocalizedLabel | null;
  priority: Priority;
  source: string;
  template: { key: string; name: string } | null;
  region: { code: string; name: string } | null;
  assignee: { id: number; name: string } | null;
  customer: { name: string; mobile: string } | null;
  createdAt: string;
  resolutionDueAt: string | null;
  closedAt: string | null;
  slaRisk: SlaRisk | null;
  approvalState: string;
}

export interface TicketPage {
  data: TicketRow[];
  meta: { nextCursor: string | null; total: number; totalCapped: boolean };
}

export interface Facets {
  states: { key: string; label: LocalizedLabel }[];
  templates: { key: string; name: string }[];
  regions: { code: string; name: string; level: string }[];
  sources: string[];
  assignees: { id: number; name: string }[];
}

/** One entry of a 400 answer: the query parameter (path[0]) and what is wrong with it. */
export interface Problem {
  path: (string | number)[];
  message: string;
}

/** Chinese for a Chinese admin; otherwise English where the server has it. */
export const localize = (label: LocalizedLabel, locale: string) =>
  locale.startsWith('zh') ? label['zh-Hans'] : label.en ?? label['zh-Hans'];
