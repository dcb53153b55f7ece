import type { LocalizedLabel } from '../tickets/types';

// What /scrm-tickets/reports/* answer (server/src/reports/figures.ts).
export interface Percentiles {
  p50: number | null;
  p90: number | null;
}

export interface Figures {
  created: number;
  responded: number;
  firstResponseSeconds: Percentiles;
  completed: number;
  completionRate: number | null;
  reopened: number;
  reopenRate: number | null;
  resolved: number;
  resolutionSeconds: Percentiles;
  slaTotal: number;
  slaMet: number;
  slaMetRate: number | null;
  csat: { rated: number; average: number | null; distribution: Record<string, number> };
  closed: number;
  revenueFen: number;
  costFen: number;
  profitFen: number;
  profitPerTicketFen: number | null;
  open: number | null;
  backlogAgeSeconds: Percentiles | null;
}

export interface GroupRow extends Figures {
  key: string | null;
  label: string;
}

export interface Summary {
  totals: Figures;
  sources: { source: string; created: number }[];
  funnel: { state: string; label: LocalizedLabel | null; tickets: number }[];
}

/** The dashboard's data for one set of filters. */
export interface DashboardData {
  summary: Summary;
  trend: GroupRow[];
  regions: GroupRow[];
  agents: GroupRow[];
  /** Created per week, per source (the top sources of the period). */
  sourceWeeks: { weeks: string[]; series: { source: string; created: number[] }[] };
}
