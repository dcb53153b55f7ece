// The dashboard's figures as SQL over the tickets, on Postgres and SQLite alike. A ticket counts
// in a period by the moment that matters for the figure (its "anchor"): created figures by when it
// was reported, resolution figures by when it was done (resolved, or closed without a resolution),
// money by when it was closed, the backlog at the period's end. Percentiles are nearest-rank over
// whole seconds (the smallest duration with at least q·n durations at or below it), computed with
// window functions over (seconds, how many) so both databases give the same answer, and so that
// the rollups' durations (report-rollups.ts) and the day in progress merge exactly.
import { REPORT_DURATION_TABLE as DURATION_TABLE, REPORT_ROLLUP_TABLE as ROLLUP_TABLE } from '../constants';

export type Dialect = 'postgres' | 'sqlite';

/** Table and column names, read from Strapi's metadata (services/reports.ts). */
export interface ReportNames {
  tickets: string;
  ticketTemplate: { table: string; ticket: string; template: string };
  ticketRegion: { table: string; ticket: string; region: string };
  ticketAssignee: { table: string; ticket: string; user: string };
  lines: string;
}

/** The dimension filters as ids, resolved by the service. */
export interface Dimensions {
  /** Tickets of these regions only (a region subtree, within the reader's scope). */
  regionIds?: number[] | null;
  templateId?: number;
  source?: string;
  team?: string;
  agent?: number;
}

export type Bindings = unknown[];
export interface Sql {
  sql: string;
  bindings: Bindings;
}

/** The filtered tickets: FROM with joins, then WHERE; `join` adds a join of a figure's own (its bindings first). */
export interface Base {
  joins: string;
  where: string;
  bindings: Bindings;
  cols: Cols;
}
const fromBase = (b: Base, join: Sql = { sql: '', bindings: [] }): Sql => ({
  sql: `${b.joins} ${join.sql} WHERE ${b.where}`,
  bindings: [...join.bindings, ...b.bindings],
});

const DAY_MS = 86_400_000;
/** Asia/Shanghai has kept UTC+8 all year since 1991: a day there is a fixed slice of epoch time. */
const SHANGHAI_MS = 8 * 3_600_000;

export const dialectSql = (dialect: Dialect) => ({
  /** Whole seconds from `from` to `to`, never below 0. */
  seconds: (from: string, to: string) =>
    dialect === 'postgres'
      ? `GREATEST(0, CAST(FLOOR(EXTRACT(EPOCH FROM (${to} - ${from}))) AS BIGINT))`
      : `MAX(0, (${to} - ${from}) / 1000)`,
  /** Whole seconds from `column` to the instant bound as `?` in epoch milliseconds. */
  secondsUntil: (column: string) =>
    dialect === 'postgres'
      ? `GREATEST(0, CAST(FLOOR((CAST(? AS BIGINT) - EXTRACT(EPOCH FROM ${column}) * 1000) / 1000) AS BIGINT))`
      : `MAX(0, (CAST(? AS INTEGER) - ${column}) / 1000)`,
  /** The Asia/Shanghai day of a datetime as days since 1970-01-01. */
  day: (column: string) =>
    dialect === 'postgres'
      ? `CAST(FLOOR((EXTRACT(EPOCH FROM ${column}) * 1000 + ${SHANGHAI_MS}) / ${DAY_MS}) AS BIGINT)`
      : `((${column} + ${SHANGHAI_MS}) / ${DAY_MS})`,
  /** The month (YYYY-MM) of a day number (as `day` gives, or a rollup's `day`). */
  monthOfDay: (day: string) =>
    dialect === 'postgres' ? `to_char(DATE '1970-01-01' + CAST(${day} AS INTEGER), 'YYYY-MM')` : `strftime('%Y-%m', ${day} * 86400, 'unixepoch')`,
  /** The string elements of a JSON array column, one row each, as `value` (a lateral source). */
  arrayElements: (column: string) =>
    dialect === 'postgres'
      ? `jsonb_array_elements_text(CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} ELSE '[]'::jsonb END) AS e(value)`
      : `json_each(CASE WHEN json_type(${column}) = 'array' THEN ${column} ELSE '[]' END) AS e`,
});

/** Where the dimensions are: the ticket with its links (`t`, `tl`, `rl`, `al`) or a rollup row (`r`). */
export interface Cols {
  source: string;
  template: string;
  region: string;
  team: string;
  agent: string;
  /** The Asia/Shanghai day (days since 1970-01-01) a family's figures count by. */
  day: (anchor: Anchor) => string;
}

export const rawCols = (n: ReportNames, dialect: Dialect): Cols => ({
  source: 't.source',
  template: `tl.${n.ticketTemplate.template}`,
  region: `rl.${n.ticketRegion.region}`,
  team: 't.team',
  agent: `al.${n.ticketAssignee.user}`,
  day: (anchor) => dialectSql(dialect).day(ANCHORS[anchor]),
});

export const ROLLUP_COLS: Cols = { source: 'r.source', template: 'r.template_id', region: 'r.region_id', team: 'r.team', agent: 'r.agent_id', day: () => 'r.day' };

/** The dimension filters over `c` (ids are numbers: only texts are bound). */
function dimensionsWhere(c: Cols, dims: Dimensions): { where: string; bindings: Bindings } {
  const where: string[] = [];
  const bindings: Bindings = [];
  if (dims.regionIds) where.push(dims.regionIds.length ? `${c.region} IN (${dims.regionIds.map(Number).join(', ')})` : 'FALSE');
  if (dims.templateId !== undefined) where.push(`${c.template} = ${Number(dims.templateId)}`);
  if (dims.source !== undefined) (where.push(`${c.source} = ?`), bindings.push(dims.source));
  if (dims.team !== undefined) (where.push(`${c.team} = ?`), bindings.push(dims.team));
  if (dims.agent !== undefined) where.push(`${c.agent} = ${Number(dims.agent)}`);
  return { where: where.length ? where.join(' AND ') : 'TRUE', bindings };
}

/** The moment a ticket counts by, per family of figures. */
export const ANCHORS = {
  created: 't.reported_at',
  done: 'COALESCE(t.resolved_at, t.closed_at)',
  closed: 't.closed_at',
} as const;
export type Anchor = keyof typeof ANCHORS;

/** How the rows are grouped: an SQL expression for the group key (a constant for the totals). */
export type GroupBy = (c: Cols, anchor: Anchor) => string;
export const TOTAL: GroupBy = () => `'all'`;

/** The filtered tickets with the links the figures need (every join is at most one row). */
export function base(n: ReportNames, dialect: Dialect, dims: Dimensions): Base {
  const cols = rawCols(n, dialect);
  const { where, bindings } = dimensionsWhere(cols, dims);
  const joins = `FROM ${n.tickets} t
    LEFT JOIN ${n.ticketTemplate.table} tl ON tl.${n.ticketTemplate.ticket} = t.id
    LEFT JOIN ${n.ticketRegion.table} rl ON rl.${n.ticketRegion.ticket} = t.id
    LEFT JOIN ${n.ticketAssignee.table} al ON al.${n.ticketAssignee.ticket} = t.id`;
  return { joins, where, bindings, cols };
}

/**
 * A family's tickets in [from, to). "Done" is spelled out rather than COALESCE'd, so each half can
 * use its column's index (resolved_at, closed_at); it takes the period twice (`periodBindings`).
 */
export const inPeriod = (anchor: Anchor) =>
  anchor === 'done'
    ? '((t.resolved_at >= ? AND t.resolved_at < ?) OR (t.resolved_at IS NULL AND t.closed_at >= ? AND t.closed_at < ?))'
    : `${ANCHORS[anchor]} >= ? AND ${ANCHORS[anchor]} < ?`;
export const periodBindings = (anchor: Anchor, period: [Date, Date]): Bindings => (anchor === 'done' ? [...period, ...period] : period);
const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

const done = ANCHORS.done;
/** Each family's counts and sums: the name of the figure and its aggregate over ticket rows. */
export const FAMILY_COLUMNS: Record<Anchor, [string, string][]> = {
  created: [
    ['created', 'COUNT(*)'],
    ['responded', 'COUNT(t.first_responded_at)'],
    ['completed', countIf(`${done} IS NOT NULL`)],
    ['reopened', countIf('COALESCE(t.reopen_count, 0) > 0')],
    ['ever_resolved', countIf(`${done} IS NOT NULL OR COALESCE(t.reopen_count, 0) > 0`)],
  ],
  done: [
    ['resolved', 'COUNT(*)'],
    ['sla_total', 'COUNT(t.sla_met)'],
    ['sla_met', countIf('t.sla_met')],
    ['csat_count', 'COUNT(t.csat)'],
    ['csat_sum', 'COALESCE(SUM(t.csat), 0)'],
    ...[1, 2, 3, 4, 5].map((score): [string, string] => [`csat_${score}`, countIf(`t.csat = ${score}`)]),
  ],
  closed: [
    ['closed', 'COUNT(*)'],
    ['revenue', 'SUM(COALESCE(t.amount_fen, 0))'],
  ],
};

/** Counts and sums of one family over the period, per group. */
export function counts(b: Base, anchor: Anchor, group: GroupBy, period: [Date, Date]): Sql {
  const from = fromBase(b);
  const g = group(b.cols, anchor);
  return {
    sql: `SELECT ${g} AS g, ${FAMILY_COLUMNS[anchor].map(([name, sum]) => `${sum} AS ${name}`).join(', ')} ${from.sql} AND ${inPeriod(anchor)} GROUP BY 1`,
    bindings: [...from.bindings, ...periodBindings(anchor, period)],
  };
}

/** The same counts and sums from the rollups, over the days [first, end) (cost included for the closed family). */
export function rollupCounts(dims: Dimensions, anchor: Anchor, group: GroupBy, days: [number, number]): Sql {
  const { where, bindings } = dimensionsWhere(ROLLUP_COLS, dims);
  const names = [...FAMILY_COLUMNS[anchor].map(([name]) => name), ...(anchor === 'closed' ? ['cost'] : [])];
  const g = group(ROLLUP_COLS, anchor);
  return {
    sql: `SELECT ${g} AS g, ${names.map((name) => `SUM(r.${name}) AS ${name}`).join(', ')} FROM ${ROLLUP_TABLE} r
      WHERE r.family = ? AND r.day >= ? AND r.day < ? AND ${where} GROUP BY 1`,
    bindings: [anchor, ...days, ...bindings],
  };
}

/**
 * What the payees other than ourselves were paid for the tickets closed in the period: their
 * settlement lines (the month's statement and its adjustments; seq -1 only lives inside a run's
 * transaction). A ticket is settled in the month it closed, so only those months' lines are read.
 */
export function cost(b: Base, n: ReportNames, group: GroupBy, period: [Date, Date], months: [string, string], ownParties: string[]): Sql {
  const g = group(b.cols, 'closed');
  const own = ownParties.length ? `AND l.party NOT IN (${ownParties.map(() => '?').join(', ')})` : '';
  const from = fromBase(b, {
    sql: `JOIN ${n.lines} l ON l.ticket_id = t.id AND l.period >= ? AND l.period <= ? AND l.kind = 'ticket' AND l.seq >= 0 ${own}`,
    bindings: [...months, ...ownParties],
  });
  return { sql: `SELECT ${g} AS g, SUM(l.fen) AS cost ${from.sql} AND ${inPeriod('closed')} GROUP BY 1`, bindings: [...from.bindings, ...period] };
}

/** The tickets open at `at` (reported before it, not done by then), per group. */
export function backlog(b: Base, group: GroupBy, at: Date): Sql {
  const from = fromBase(b);
  const g = group(b.cols, 'created');
  return {
    sql: `SELECT ${g} AS g, COUNT(*) AS open ${from.sql} AND ${openAt()} GROUP BY 1`,
    bindings: [...from.bindings, ...openBindings(at)],
  };
}
/**
 * Reported before `at` and not done by then — spelled out so that Postgres can take the few
 * unresolved tickets and the ones resolved since from the resolved_at index, not read them all.
 */
const openAt = () => 't.reported_at < ? AND ((t.resolved_at IS NULL AND (t.closed_at IS NULL OR t.closed_at >= ?)) OR t.resolved_at >= ?)';
const openBindings = (at: Date) => [at, at, at];

/**
 * The median and 90th percentile (nearest rank) per group of durations given as rows (g, d, n):
 * `n` tickets took `d` seconds. The durations are summed per value, then the value whose running
 * count first reaches rank ⌈q·N⌉ is the percentile (integer arithmetic on both databases).
 */
export function percentiles(parts: Sql[]): Sql {
  const rank = (q: number) => `(${q} * total + 99) / 100`;
  const at = (q: number) => `(cum - n < ${rank(q)} AND ${rank(q)} <= cum)`;
  return {
    sql: `SELECT g, d, CASE WHEN ${at(50)} THEN 1 ELSE 0 END AS p50, CASE WHEN ${at(90)} THEN 1 ELSE 0 END AS p90 FROM (
        SELECT g, d, n,
          CAST(SUM(n) OVER (PARTITION BY g ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS cum,
          CAST(SUM(n) OVER (PARTITION BY g) AS BIGINT) AS total
        FROM (SELECT g, d, SUM(n) AS n FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) u GROUP BY g, d) h
      ) y WHERE ${at(50)} OR ${at(90)}`,
    bindings: parts.flatMap((p) => p.bindings),
  };
}

export type DurationKind = 'first_response' | 'resolution';
/** The family a duration counts in: first responses by the day reported, resolutions by the day done. */
export const DURATION_ANCHOR: Record<DurationKind, Anchor> = { first_response: 'created', resolution: 'done' };
/** When a duration ends: the first response, or done. */
export const durationEnd = (kind: DurationKind) => (kind === 'first_response' ? 't.first_responded_at' : ANCHORS.done);

/** Durations (g, d, n) from the tickets: first response of the tickets created in the period, resolution of those done in it. */
export function durations(dialect: Dialect, b: Base, kind: DurationKind, group: GroupBy, period: [Date, Date]): Sql {
  const from = fromBase(b);
  const anchor = DURATION_ANCHOR[kind];
  const end = durationEnd(kind);
  return {
    sql: `SELECT ${group(b.cols, anchor)} AS g, ${dialectSql(dialect).seconds('t.reported_at', end)} AS d, 1 AS n ${from.sql} AND ${inPeriod(anchor)} AND ${end} IS NOT NULL`,
    bindings: [...from.bindings, ...periodBindings(anchor, period)],
  };
}

/** The same durations from the rollups, over the days [first, end). */
export function rollupDurations(dims: Dimensions, kind: DurationKind, group: GroupBy, days: [number, number]): Sql {
  const { where, bindings } = dimensionsWhere(ROLLUP_COLS, dims);
  return {
    sql: `SELECT ${group(ROLLUP_COLS, DURATION_ANCHOR[kind])} AS g, r.seconds AS d, r.n AS n FROM ${DURATION_TABLE} r WHERE r.kind = ? AND r.day >= ? AND r.day < ? AND ${where}`,
    bindings: [kind, ...days, ...bindings],
  };
}

/** Durations (g, d, 1) of the age of the tickets open at `at`. */
export function backlogAges(dialect: Dialect, b: Base, group: GroupBy, at: Date): Sql {
  const from = fromBase(b);
  return {
    sql: `SELECT ${group(b.cols, 'created')} AS g, ${dialectSql(dialect).secondsUntil('t.reported_at')} AS d, 1 AS n ${from.sql} AND ${openAt()}`,
    bindings: [at.getTime(), ...from.bindings, ...openBindings(at)],
  };
}

/** The same from the rollups' created rows, over the days [first, end). */
export function rollupStates(dims: Dimensions, days: [number, number]): Sql {
  const { where, bindings } = dimensionsWhere(ROLLUP_COLS, dims);
  return {
    sql: `SELECT r.state AS state, SUM(r.created) AS tickets FROM ${ROLLUP_TABLE} r WHERE r.family = 'created' AND r.day >= ? AND r.day < ? AND ${where} GROUP BY r.state`,
    bindings: [...days, ...bindings],
  };
}

/** The states of the tickets created in the period (the funnel). */
export function states(b: Base, period: [Date, Date]): Sql {
  const from = fromBase(b);
  return { sql: `SELECT t.state AS state, COUNT(*) AS tickets ${from.sql} AND ${inPeriod('created')} GROUP BY t.state`, bindings: [...from.bindings, ...period] };
}

/** The tags of the tickets created in the period, most used first. */
export function tags(dialect: Dialect, b: Base, period: [Date, Date], limit: number): Sql {
  const s = dialectSql(dialect);
  const from = fromBase(b, { sql: `CROSS JOIN ${s.arrayElements('t.tags')}`, bindings: [] });
  const text = dialect === 'postgres' ? 'e.value' : "CASE WHEN e.type = 'text' THEN e.value END";
  return {
    sql: `SELECT tag, COUNT(*) AS tickets FROM (SELECT ${text} AS tag ${from.sql} AND ${inPeriod('created')}) x
      WHERE tag IS NOT NULL AND tag <> '' GROUP BY tag ORDER BY tickets DESC, tag LIMIT ${Number(limit)}`,
    bindings: [...from.bindings, ...period],
  };
}

/** The titles of the tickets created in the period, a page at a time by id (for the keywords). */
export function titles(b: Base, period: [Date, Date], afterId: number, page: number): Sql {
  const from = fromBase(b);
  return {
    sql: `SELECT t.id, t.title ${from.sql} AND ${inPeriod('created')} AND t.id > ? ORDER BY t.id LIMIT ${Number(page)}`,
    bindings: [...from.bindings, ...period, afterId],
  };
}

/** Which tickets a drill-down lists: those counted as created, done or closed in the period, or open at its end. */
export function ticketRows(n: ReportNames, b: Base, set: 'created' | 'done' | 'closed' | 'open', period: [Date, Date], at: Date, afterId: number, page: number): Sql {
  const from = fromBase(b);
  const [which, bindings] = set === 'open' ? [openAt(), openBindings(at)] : [inPeriod(set), periodBindings(set, period)];
  return {
    sql: `SELECT t.id, t.number, t.title, t.state, t.priority, t.source, t.team, t.reported_at, t.first_responded_at, t.resolved_at, t.closed_at,
        t.sla_met, t.csat, t.amount_fen, tl.${n.ticketTemplate.template} AS template_id, rl.${n.ticketRegion.region} AS region_id, al.${n.ticketAssignee.user} AS user_id
      ${from.sql} AND ${which} AND t.id > ? ORDER BY t.id LIMIT ${Number(page)}`,
    bindings: [...from.bindings, ...bindings, afterId],
  };
}
