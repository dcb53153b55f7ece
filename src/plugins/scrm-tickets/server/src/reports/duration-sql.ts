// The durations behind the percentiles (first response, resolution, the backlog's age), for the two
// reads of percentiles.ts: bucket counts per group, then the exact seconds of the wanted buckets.
// From the tickets for the days read live, from the rollups for the rest; both add up.
import { bucketSql, type Target } from './percentiles';
import { ROLLUP_COLS, type Level, type Span } from './levels';
import { ANCHORS, dialectSql, dimensionsWhere, fromBase, inPeriod, openAt, openBindings, periodBindings, type Anchor, type Base, type Dialect, type Dimensions, type GroupBy, type Sql } from './sql';
import { REPORT_DURATION_TABLE } from '../constants';

export type DurationKind = 'first_response' | 'resolution';
/** The family a duration counts in: first responses by the day reported, resolutions by the day done. */
export const DURATION_ANCHOR: Record<DurationKind, Anchor> = { first_response: 'created', resolution: 'done' };
/** When a duration ends: the first response, or done. */
export const durationEnd = (kind: DurationKind) => (kind === 'first_response' ? 't.first_responded_at' : ANCHORS.done);

/** (g, d) per ticket: first response of the tickets created in the period, resolution of those done in it, in whole seconds. */
export function durationRows(dialect: Dialect, b: Base, kind: DurationKind, group: GroupBy, period: [Date, Date]): Sql {
  const anchor = DURATION_ANCHOR[kind];
  const end = durationEnd(kind);
  const select = `SELECT ${group(b.cols, anchor)} AS g, ${dialectSql(dialect).seconds('t.reported_at', end)} AS d`;
  const from = fromBase(b, select);
  return { sql: `${select} ${from.sql} AND ${inPeriod(anchor)} AND ${end} IS NOT NULL`, bindings: [...from.bindings, ...periodBindings(anchor, period)] };
}

/** (g, d) per ticket open at `at`: how long it had been open. */
export function backlogAgeRows(dialect: Dialect, b: Base, group: GroupBy, at: Date): Sql {
  const select = `SELECT ${group(b.cols, 'created')} AS g, ${dialectSql(dialect).secondsUntil('t.reported_at')} AS d`;
  const from = fromBase(b, select);
  return { sql: `${select} ${from.sql} AND ${openAt()}`, bindings: [at.getTime(), ...from.bindings, ...openBindings(at)] };
}

/** The first read over (g, d) rows: (g, b, n). */
export const bucketCounts = (dialect: Dialect, rows: Sql): Sql => ({
  sql: `SELECT g, ${bucketSql('x.d')} AS b, COUNT(*) AS n FROM (${rows.sql} ${dialectSql(dialect).fence}) x GROUP BY 1, 2`,
  bindings: rows.bindings,
});

const inList = (buckets: number[]) => [...new Set(buckets.map(Number))].join(', ');

/** The second read over (g, d) rows: (g, b, d, n) of the durations in the targets' buckets. */
export const exactIn = (dialect: Dialect, rows: Sql, targets: Target[]): Sql => ({
  sql: `SELECT g, b, d, COUNT(*) AS n FROM (SELECT x.g AS g, x.d AS d, ${bucketSql('x.d')} AS b FROM (${rows.sql} ${dialectSql(dialect).fence}) x) y
    WHERE b IN (${inList(targets.map((t) => t.b))}) GROUP BY 1, 2, 3`,
  bindings: rows.bindings,
});

/** The first read from the rollups of `level` over `spans` (the rolled days). */
export function rollupBuckets(level: Level, dims: Dimensions, kind: DurationKind, group: GroupBy, spans: Span[]): Sql {
  const rows = level.buckets;
  const { where, bindings } = dimensionsWhere(rows.cols, dims);
  const ranges = spans.map(() => (rows.spans ? '(r.span = ? AND r.day >= ? AND r.day < ?)' : '(r.day >= ? AND r.day < ?)'));
  const rangeBindings = spans.flatMap((s) => (rows.spans ? [s.span, s.from, s.to] : [s.from, s.to]));
  return {
    sql: `SELECT ${group(rows.cols, DURATION_ANCHOR[kind])} AS g, r.bucket AS b, SUM(r.n) AS n FROM ${rows.table} r
      WHERE r.kind = ? AND ${rows.where} AND (${ranges.join(' OR ')}) AND ${where} GROUP BY 1, 2`,
    bindings: [kind, ...rows.bindings, ...rangeBindings, ...bindings],
  };
}

/**
 * The second read from the rollups: the exact seconds of the targets' buckets, which only the fine
 * durations keep, over the rolled days — or, for a time line, over each target's own days
 * (`daysOf` its group), so that a year per month reads each month's buckets in that month only.
 */
export function rollupExact(dims: Dimensions, kind: DurationKind, group: GroupBy, [first, end]: [number, number], targets: Target[], daysOf?: (g: string) => [number, number]): Sql {
  const { where, bindings } = dimensionsWhere(ROLLUP_COLS, dims);
  const byDays = new Map<string, { from: number; to: number; buckets: number[] }>();
  for (const t of targets) {
    const [from, to] = daysOf ? daysOf(t.g) : [first, end];
    const span = { from: Math.max(from, first), to: Math.min(to, end) };
    if (span.from >= span.to) continue;
    const at = `${span.from}-${span.to}`;
    if (!byDays.has(at)) byDays.set(at, { ...span, buckets: [] });
    byDays.get(at)!.buckets.push(t.b);
  }
  const ranges = [...byDays.values()];
  return {
    sql: `SELECT ${group(ROLLUP_COLS, DURATION_ANCHOR[kind])} AS g, r.bucket AS b, r.seconds AS d, SUM(r.n) AS n FROM ${REPORT_DURATION_TABLE} r
      WHERE r.kind = ? AND (${ranges.map((s) => `(r.day >= ? AND r.day < ? AND r.bucket IN (${inList(s.buckets)}))`).join(' OR ') || 'FALSE'}) AND ${where} GROUP BY 1, 2, 3`,
    bindings: [kind, ...ranges.flatMap((s) => [s.from, s.to]), ...bindings],
  };
}
