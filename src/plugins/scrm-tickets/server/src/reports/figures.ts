// One group's figures, assembled from the rows the queries in sql.ts return. Counts and fen are
// exact integers; rates are rounded to 4 places and averages to 2 only at the end, from the counts.
import { D, toFen } from '../settlement/money';

export interface Percentiles {
  /** Nearest-rank median and 90th percentile in whole seconds; null when nothing was measured. */
  p50: number | null;
  p90: number | null;
}

export interface Figures {
  /** Reported in the period; of these, answered, done by now, reopened, resolved at least once. */
  created: number;
  responded: number;
  firstResponseSeconds: Percentiles;
  completed: number;
  /** 工单完结率: completed / created. */
  completionRate: number | null;
  reopened: number;
  /** reopened / tickets resolved at least once. */
  reopenRate: number | null;
  everResolved: number;
  /** Done (resolved, or closed without a resolution) in the period. */
  resolved: number;
  resolutionSeconds: Percentiles;
  slaTotal: number;
  slaMet: number;
  slaMetRate: number | null;
  csat: { rated: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  /** Closed in the period: what was charged, what the payees other than ourselves were paid. */
  closed: number;
  revenueFen: number;
  costFen: number;
  profitFen: number;
  profitPerTicketFen: number | null;
  /** Open at the period's end (or now, if sooner) and how long they had been open. */
  open: number | null;
  backlogAgeSeconds: Percentiles | null;
}

export const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export function emptyFigures(withBacklog: boolean): Figures {
  return {
    created: 0, responded: 0, firstResponseSeconds: { p50: null, p90: null }, completed: 0, completionRate: null, reopened: 0, reopenRate: null,
    everResolved: 0, resolved: 0, resolutionSeconds: { p50: null, p90: null }, slaTotal: 0, slaMet: 0, slaMetRate: null,
    csat: { rated: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    closed: 0, revenueFen: 0, costFen: 0, profitFen: 0, profitPerTicketFen: null,
    open: withBacklog ? 0 : null, backlogAgeSeconds: withBacklog ? { p50: null, p90: null } : null,
  };
}

/** The rows of every query, each with its group key `g`. */
export interface FigureRows {
  created: any[];
  done: any[];
  closed: any[];
  cost: any[];
  /** Percentiles per group key (percentiles.ts). */
  firstResponse: Map<string, Percentiles>;
  resolution: Map<string, Percentiles>;
  backlog?: any[];
  backlogAge?: Map<string, Percentiles>;
}

/** Figures per group key (String(g)); `keys` are always present, zero when no row names them. */
export function assemble(rows: FigureRows, keys: string[] = []): Map<string, Figures> {
  const withBacklog = rows.backlog !== undefined;
  const out = new Map<string, Figures>();
  const at = (g: unknown) => {
    const key = g === null || g === undefined ? '' : String(g);
    if (!out.has(key)) out.set(key, emptyFigures(withBacklog));
    return out.get(key)!;
  };
  for (const key of keys) at(key);
  // Rows add up: a group can have a row from the rollups and one from the day in progress.
  const csatSum = new Map<Figures, number>();
  for (const r of rows.created) {
    const f = at(r.g);
    f.created += num(r.created);
    f.responded += num(r.responded);
    f.completed += num(r.completed);
    f.reopened += num(r.reopened);
    f.everResolved += num(r.ever_resolved);
  }
  for (const r of rows.done) {
    const f = at(r.g);
    f.resolved += num(r.resolved);
    f.slaTotal += num(r.sla_total);
    f.slaMet += num(r.sla_met);
    f.csat.rated += num(r.csat_count);
    csatSum.set(f, (csatSum.get(f) ?? 0) + num(r.csat_sum));
    for (const score of ['1', '2', '3', '4', '5'] as const) f.csat.distribution[score] += num(r[`csat_${score}`]);
  }
  for (const r of rows.closed) {
    const f = at(r.g);
    f.closed += num(r.closed);
    f.revenueFen += num(r.revenue);
    // The rollups' closed rows carry their cost; the live part's cost comes in `rows.cost`.
    f.costFen += num(r.cost);
  }
  for (const r of rows.cost) at(r.g).costFen += num(r.cost);
  for (const [f, sum] of csatSum) f.csat.average = f.csat.rated ? Math.round((sum / f.csat.rated) * 100) / 100 : null;
  for (const [g, p] of rows.firstResponse) at(g).firstResponseSeconds = p;
  for (const [g, p] of rows.resolution) at(g).resolutionSeconds = p;
  for (const r of rows.backlog ?? []) at(r.g).open = (at(r.g).open ?? 0) + num(r.open);
  for (const [g, p] of rows.backlogAge ?? []) at(g).backlogAgeSeconds = p;
  for (const f of out.values()) {
    f.completionRate = rate(f.completed, f.created);
    f.reopenRate = rate(f.reopened, f.everResolved);
    f.slaMetRate = rate(f.slaMet, f.slaTotal);
    f.profitFen = f.revenueFen - f.costFen;
    f.profitPerTicketFen = f.closed ? toFen(new D(f.profitFen).div(f.closed)) : null;
  }
  return out;
}
