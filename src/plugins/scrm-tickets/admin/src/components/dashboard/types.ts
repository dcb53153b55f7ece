import type { LocalizedLabel } from '../tickets/types';

// What /scrm-tickets/reports/* answer: the server's own figure types, so the two cannot drift.
import type { Figures } from '../../../../server/src/reports/figures';

export type { Figures, Percentiles } from '../../../../server/src/reports/figures';

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
