// Which rollups answer a query. The fine level keeps every dimension at once (region × template ×
// source × team × agent), about a row per ticket. The marginal level keeps the whole company and
// each region (store), template, source, team and agent alone ("grains"), far fewer rows: it
// answers the queries that filter and group by at most one of those, and its duration histograms
// also come per whole month, so a year is read as twelve months. Regions and agents have counts
// there but no histograms (one per store or agent and day is as big as its durations): their
// percentiles come from the fine durations.
import { REPORT_DURATION_TABLE, REPORT_HISTOGRAM_TABLE, REPORT_MARGINAL_TABLE, REPORT_ROLLUP_TABLE } from '../constants';
import { monthStart, nextMonth } from './days';
import type { Bindings, Cols, Dimensions, GroupBy } from './sql';

export const GRAINS = ['all', 'region', 'template', 'source', 'team', 'agent'] as const;
export type Grain = (typeof GRAINS)[number];
/** The grains with duration histograms. */
export const HISTOGRAM_GRAINS: Grain[] = ['all', 'template', 'source', 'team'];
/** The column a grain's rows are keyed by (none for the whole company). */
export const GRAIN_COLUMN: Record<Grain, string | null> = { all: null, region: 'region_id', template: 'template_id', source: 'source', team: 'team', agent: 'agent_id' };

/** A rollup table, the condition that picks the level's rows from it (with `bindings`), and where its dimensions are. */
export interface Rows {
  table: string;
  where: string;
  bindings: Bindings;
  cols: Cols;
}

export interface Level {
  /** Counts and sums, per family (sql.ts rollupCounts). */
  counts: Rows;
  /** Bucket counts of durations (duration-sql.ts rollupBuckets). */
  buckets: Rows & {
    /** The table has day and month rows (`span`); the fine level's are all days. */
    spans: boolean;
    /** Whole months may be read from month rows. */
    months: boolean;
  };
}

/** Days [from, to) read from day rows, or whole months from the month rows starting in them. */
export interface Span {
  span: 'day' | 'month';
  from: number;
  to: number;
}

export const ROLLUP_COLS: Cols = {
  source: 'r.source',
  template: 'r.template_id',
  region: 'r.region_id',
  team: 'r.team',
  agent: 'r.agent_id',
  day: () => 'r.day',
  before: (_anchor, day) => `r.day < ${Number(day)}`,
};

const FINE_BUCKETS: Level['buckets'] = { table: REPORT_DURATION_TABLE, where: 'TRUE', bindings: [], cols: ROLLUP_COLS, spans: false, months: false };
export const FINE: Level = { counts: { table: REPORT_ROLLUP_TABLE, where: 'TRUE', bindings: [], cols: ROLLUP_COLS }, buckets: FINE_BUCKETS };


function marginal(grain: Grain, months: boolean): Level {
  const rows = (table: string): Rows => ({ table, where: 'r.grain = ?', bindings: [grain], cols: ROLLUP_COLS });
  return {
    counts: rows(REPORT_MARGINAL_TABLE),
    buckets: HISTOGRAM_GRAINS.includes(grain) ? { ...rows(REPORT_HISTOGRAM_TABLE), spans: true, months } : FINE_BUCKETS,
  };
}

/** Marks each dimension, to see which ones a grouping's SQL names. */
const PROBE: Cols = { source: '{source}', template: '{template}', region: '{region}', team: '{team}', agent: '{agent}', day: () => '{day}', before: () => '{day}' };

/**
 * The level for the filters `dims` and grouping `group`; `monthly`: the grouping puts all of a
 * month's days in one group, so a whole month may be read as one (as may any grouping without days).
 */
export function levelFor(dims: Dimensions, group: GroupBy, monthly: boolean): Level {
  const sql = group(PROBE, 'created');
  const used = new Set<string>(['source', 'template', 'region', 'team', 'agent'].filter((d) => sql.includes(`{${d}}`)));
  if (dims.regionIds) used.add('region');
  if (dims.templateId !== undefined) used.add('template');
  if (dims.source !== undefined) used.add('source');
  if (dims.team !== undefined) used.add('team');
  if (dims.agent !== undefined) used.add('agent');
  const grains = GRAINS.filter((g) => used.has(g));
  if (grains.length > 1) return FINE;
  return marginal(grains[0] ?? 'all', monthly || !sql.includes('{day}'));
}

/** The rolled days [first, end) as the level reads them: whole months as months where it may, the rest as days. */
export function spansOf(level: Level, [first, end]: [number, number]): Span[] {
  if (!level.buckets.months) return [{ span: 'day', from: first, to: end }];
  const start = monthStart(first) === first ? first : nextMonth(first);
  let stop = start;
  while (nextMonth(stop) <= end) stop = nextMonth(stop);
  if (stop === start) return [{ span: 'day', from: first, to: end }];
  return [
    { span: 'day' as const, from: first, to: start },
    { span: 'month' as const, from: start, to: stop },
    { span: 'day' as const, from: stop, to: end },
  ].filter((s) => s.from < s.to);
}
