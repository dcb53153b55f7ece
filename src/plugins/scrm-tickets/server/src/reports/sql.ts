// The dashboard's figures as SQL over the tickets, on Postgres and SQLite alike. A ticket counts
// in a period by the moment that matters for the figure (its "anchor"): created figures by when it
// was reported, resolution figures by when it was done (resolved, or closed without a resolution),
// money by when it was closed, the backlog at the period's end. The same counts and sums come
// from the rollups of a level (levels.ts) for the days they hold; durations are in duration-sql.ts.
import { dayStart } from './days';
import type { Level } from './levels';

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

/** The filtered tickets: the tickets with their links, the dimension filters as WHERE. */
export interface Base {
  /** FROM the tickets with every link joined (the rollups' rebuild groups by all of them). */
  joins: string;
  /** The tickets and each link's join, by the alias it adds. */
  from: string;
  links: [alias: string, join: string][];
  where: string;
  bindings: Bindings;
  cols: Cols;
}
/**
 * FROM … WHERE for a query whose other clauses are `text`: only the links that it or the filters
 * name are joined — the whole company's backlog need not read three link tables of a million rows.
 * `join` adds a join of the figure's own (its bindings first).
 */
export const fromBase = (b: Base, text: string, join: Sql = { sql: '', bindings: [] }): Sql => {
  const uses = `${text} ${join.sql} ${b.where}`;
  const links = b.links.filter(([alias]) => new RegExp(`\\b${alias}\\.`).test(uses)).map(([, sql]) => sql);
  return { sql: `${b.from} ${links.join(' ')} ${join.sql} WHERE ${b.where}`, bindings: [...join.bindings, ...b.bindings] };
};

const DAY_MS = 86_400_000;
/** Asia/Shanghai has kept UTC+8 all year since 1991: a day there is a fixed slice of epoch time. */
const SHANGHAI_MS = 8 * 3_600_000;

export const dialectSql = (dialect: Dialect) => ({
  /**
   * Ends a subquery that Postgres must not fold into the query around it: a duration computed in
   * it would otherwise be recomputed in every comparison of its bucket (SQLite computes it once).
   */
  fence: dialect === 'postgres' ? 'OFFSET 0' : '',
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
  /** True when that day is before `day`: on the tickets a comparison of the moment itself, cheaper than its day. */
  before: (anchor: Anchor, day: number) => string;
}

export const rawCols = (n: ReportNames, dialect: Dialect): Cols => ({
  source: 't.source',
  template: `tl.${n.ticketTemplate.template}`,
  region: `rl.${n.ticketRegion.region}`,
  team: 't.team',
  agent: `al.${n.ticketAssignee.user}`,
  day: (anchor) => dialectSql(dialect).day(ANCHORS[anchor]),
  // Postgres keeps the moments as UTC wall times (timestamp without time zone), SQLite as epoch ms.
  before: (anchor, day) =>
    dialect === 'postgres' ? `${ANCHORS[anchor]} < TIMESTAMP '${dayStart(day).toISOString().slice(0, 23).replace('T', ' ')}'` : `${ANCHORS[anchor]} < ${dayStart(day).getTime()}`,
});

/** The dimension filters over `c` (ids are numbers: only texts are bound). */
export function dimensionsWhere(c: Cols, dims: Dimensions): { where: string; bindings: Bindings } {
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
  const from = `FROM ${n.tickets} t`;
  const links: Base['links'] = [
    ['tl', `LEFT JOIN ${n.ticketTemplate.table} tl ON tl.${n.ticketTemplate.ticket} = t.id`],
    ['rl', `LEFT JOIN ${n.ticketRegion.table} rl ON rl.${n.ticketRegion.ticket} = t.id`],
    ['al', `LEFT JOIN ${n.ticketAssignee.table} al ON al.${n.ticketAssignee.ticket} = t.id`],
  ];
  return { joins: `${from} ${links.map(([, sql]) => sql).join(' ')}`, from, links, where, bindings, cols };
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
  const g = group(b.cols, anchor);
  const select = `SELECT ${g} AS g, ${FAMILY_COLUMNS[anchor].map(([name, sum]) => `${sum} AS ${name}`).join(', ')}`;
  const from = fromBase(b, select);
  return { sql: `${select} ${from.sql} AND ${inPeriod(anchor)} GROUP BY 1`, bindings: [...from.bindings, ...periodBindings(anchor, period)] };
}

/** The same counts and sums from the rollups of `level`, over the days [first, end) (cost included for the closed family). */
export function rollupCounts(level: Level, dims: Dimensions, anchor: Anchor, group: GroupBy, days: [number, number]): Sql {
  const rows = level.counts;
  const { where, bindings } = dimensionsWhere(rows.cols, dims);
  const names = [...FAMILY_COLUMNS[anchor].map(([name]) => name), ...(anchor === 'closed' ? ['cost'] : [])];
  return {
    sql: `SELECT ${group(rows.cols, anchor)} AS g, ${names.map((name) => `SUM(r.${name}) AS ${name}`).join(', ')} FROM ${rows.table} r
      WHERE r.family = ? AND ${rows.where} AND r.day >= ? AND r.day < ? AND ${where} GROUP BY 1`,
    bindings: [anchor, ...rows.bindings, ...days, ...bindings],
  };
}

/**
 * What the payees other than ourselves were paid for the tickets closed in the period: their
 * settlement lines (the month's statement and its adjustments; seq -1 only lives inside a run's
 * transaction). A ticket is settled in the month it closed, so only those months' lines are read.
 */
export function cost(b: Base, n: ReportNames, group: GroupBy, period: [Date, Date], months: [string, string], ownParties: string[]): Sql {
  const select = `SELECT ${group(b.cols, 'closed')} AS g, SUM(l.fen) AS cost`;
  const own = ownParties.length ? `AND l.party NOT IN (${ownParties.map(() => '?').join(', ')})` : '';
  const from = fromBase(b, select, {
    sql: `JOIN ${n.lines} l ON l.ticket_id = t.id AND l.period >= ? AND l.period <= ? AND l.kind = 'ticket' AND l.seq >= 0 ${own}`,
    bindings: [...months, ...ownParties],
  });
  return { sql: `${select} ${from.sql} AND ${inPeriod('closed')} GROUP BY 1`, bindings: [...from.bindings, ...period] };
}

/**
 * Reported before `at` and not done by then — spelled out so that Postgres can take the few
 * unresolved tickets and the ones resolved since from the resolved_at index, not read them all.
 */
export const openAt = () => 't.reported_at < ? AND ((t.resolved_at IS NULL AND (t.closed_at IS NULL OR t.closed_at >= ?)) OR t.resolved_at >= ?)';
export const openBindings = (at: Date) => [at, at, at];

/** The same from the rollups' created rows, over the days [first, end). */
export function rollupStates(level: Level, dims: Dimensions, days: [number, number]): Sql {
  const rows = level.counts;
  const { where, bindings } = dimensionsWhere(rows.cols, dims);
  return {
    sql: `SELECT r.state AS state, SUM(r.created) AS tickets FROM ${rows.table} r WHERE r.family = 'created' AND ${rows.where} AND r.day >= ? AND r.day < ? AND ${where} GROUP BY r.state`,
    bindings: [...rows.bindings, ...days, ...bindings],
  };
}

/** The states of the tickets created in the period (the funnel). */
export function states(b: Base, period: [Date, Date]): Sql {
  const select = 'SELECT t.state AS state, COUNT(*) AS tickets';
  const from = fromBase(b, select);
  return { sql: `${select} ${from.sql} AND ${inPeriod('created')} GROUP BY t.state`, bindings: [...from.bindings, ...period] };
}

/** The tags of the tickets created in the period, most used first. */
export function tags(dialect: Dialect, b: Base, period: [Date, Date], limit: number): Sql {
  const s = dialectSql(dialect);
  const text = dialect === 'postgres' ? 'e.value' : "CASE WHEN e.type = 'text' THEN e.value END";
  const from = fromBase(b, text, { sql: `CROSS JOIN ${s.arrayElements('t.tags')}`, bindings: [] });
  return {
    sql: `SELECT tag, COUNT(*) AS tickets FROM (SELECT ${text} AS tag ${from.sql} AND ${inPeriod('created')}) x
      WHERE tag IS NOT NULL AND tag <> '' GROUP BY tag ORDER BY tickets DESC, tag LIMIT ${Number(limit)}`,
    bindings: [...from.bindings, ...period],
  };
}

/** The titles of the tickets created in the period, a page at a time by id (for the keywords). */
export function titles(b: Base, period: [Date, Date], afterId: number, page: number): Sql {
  const select = 'SELECT t.id, t.title';
  const from = fromBase(b, select);
  return {
    sql: `${select} ${from.sql} AND ${inPeriod('created')} AND t.id > ? ORDER BY t.id LIMIT ${Number(page)}`,
    bindings: [...from.bindings, ...period, afterId],
  };
}

/** Which tickets a drill-down lists: those counted as created, done or closed in the period, or open at its end. */
export function ticketRows(n: ReportNames, b: Base, set: 'created' | 'done' | 'closed' | 'open', period: [Date, Date], at: Date, afterId: number, page: number): Sql {
  const select = `SELECT t.id, t.number, t.title, t.state, t.priority, t.source, t.team, t.reported_at, t.first_responded_at, t.resolved_at, t.closed_at,
        t.sla_met, t.csat, t.amount_fen, tl.${n.ticketTemplate.template} AS template_id, rl.${n.ticketRegion.region} AS region_id, al.${n.ticketAssignee.user} AS user_id`;
  const from = fromBase(b, select);
  const [which, bindings] = set === 'open' ? [openAt(), openBindings(at)] : [inPeriod(set), periodBindings(set, period)];
  return {
    sql: `${select} ${from.sql} AND ${which} AND t.id > ? ORDER BY t.id LIMIT ${Number(page)}`,
    bindings: [...from.bindings, ...bindings, afterId],
  };
}
