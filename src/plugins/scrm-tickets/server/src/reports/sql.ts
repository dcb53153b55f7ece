// The dashboard's figures as SQL over the tickets, on Postgres and SQLite alike. A ticket counts
// in a period by the moment that matters for the figure (its "anchor"): created figures by when it
// was reported, resolution figures by when it was done (resolved, or closed without a resolution),
// money by when it was closed, the backlog at the period's end. Percentiles are nearest-rank over
// whole seconds (the smallest duration with at least q·n durations at or below it), computed with
// window functions so both databases give the same answer.
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
}
const fromBase = (b: Base, join: Sql = { sql: '', bindings: [] }): Sql => ({
  sql: `${b.joins} ${join.sql} WHERE ${b.where}`,
  bindings: [...join.bindings, ...b.bindings],
});

const DAY_MS = 86_400_000;
/** Asia/Shanghai has kept UTC+8 all year since 1991: a day there is a fixed slice of epoch time. */
const SHANGHAI_MS = 8 * 3_600_000;

export const dialectSql = (dialect: Dialect) => ({
  /** Epoch milliseconds of a datetime column (SQLite keeps them as epoch ms). */
  epochMs: (column: string) => (dialect === 'postgres' ? `(EXTRACT(EPOCH FROM ${column}) * 1000)` : column),
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
  /**
   * Its month as YYYY-MM. From the epoch, as the day is: Strapi's Postgres columns are timestamps
   * without a zone holding UTC, which `AT TIME ZONE` would read as Shanghai wall time.
   */
  month: (column: string) =>
    dialect === 'postgres'
      ? `to_char(to_timestamp(EXTRACT(EPOCH FROM ${column}) + ${SHANGHAI_MS / 1000}) AT TIME ZONE 'UTC', 'YYYY-MM')`
      : `strftime('%Y-%m', (${column} + ${SHANGHAI_MS}) / 1000, 'unixepoch')`,
  /** The string elements of a JSON array column, one row each, as `value` (a lateral source). */
  arrayElements: (column: string) =>
    dialect === 'postgres'
      ? `jsonb_array_elements_text(CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} ELSE '[]'::jsonb END) AS e(value)`
      : `json_each(CASE WHEN json_type(${column}) = 'array' THEN ${column} ELSE '[]' END) AS e`,
});

/** The moment a ticket counts by, per family of figures. */
export const ANCHORS = {
  created: 't.reported_at',
  done: 'COALESCE(t.resolved_at, t.closed_at)',
  closed: 't.closed_at',
} as const;
export type Anchor = keyof typeof ANCHORS;

/** How the rows are grouped: an SQL expression for the group key (a constant for the totals). */
export type GroupBy = (anchor: string) => string;
export const TOTAL: GroupBy = () => `'all'`;

/** The filtered tickets with the links the figures need (every join is at most one row). */
export function base(n: ReportNames, dims: Dimensions): Base {
  const where: string[] = [];
  const bindings: Bindings = [];
  if (dims.regionIds) where.push(dims.regionIds.length ? `rl.${n.ticketRegion.region} IN (${dims.regionIds.map(Number).join(', ')})` : 'FALSE');
  if (dims.templateId !== undefined) where.push(`tl.${n.ticketTemplate.template} = ${Number(dims.templateId)}`);
  if (dims.source !== undefined) (where.push('t.source = ?'), bindings.push(dims.source));
  if (dims.team !== undefined) (where.push('t.team = ?'), bindings.push(dims.team));
  if (dims.agent !== undefined) where.push(`al.${n.ticketAssignee.user} = ${Number(dims.agent)}`);
  const joins = `FROM ${n.tickets} t
    LEFT JOIN ${n.ticketTemplate.table} tl ON tl.${n.ticketTemplate.ticket} = t.id
    LEFT JOIN ${n.ticketRegion.table} rl ON rl.${n.ticketRegion.ticket} = t.id
    LEFT JOIN ${n.ticketAssignee.table} al ON al.${n.ticketAssignee.ticket} = t.id`;
  return { joins, where: where.length ? where.join(' AND ') : 'TRUE', bindings };
}

const inPeriod = (anchor: Anchor) => `${ANCHORS[anchor]} >= ? AND ${ANCHORS[anchor]} < ?`;
const countIf = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** Counts and sums of one family over the period, per group. */
export function counts(b: Base, anchor: Anchor, group: GroupBy, period: [Date, Date]): Sql {
  const from = fromBase(b);
  const done = ANCHORS.done;
  const columns = {
    created: [
      'COUNT(*) AS created',
      'COUNT(t.first_responded_at) AS responded',
      `${countIf(`${done} IS NOT NULL`)} AS completed`,
      `${countIf('COALESCE(t.reopen_count, 0) > 0')} AS reopened`,
      `${countIf(`${done} IS NOT NULL OR COALESCE(t.reopen_count, 0) > 0`)} AS ever_resolved`,
    ],
    done: [
      'COUNT(*) AS resolved',
      'COUNT(t.sla_met) AS sla_total',
      `${countIf('t.sla_met')} AS sla_met`,
      'COUNT(t.csat) AS csat_count',
      'SUM(t.csat) AS csat_sum',
      ...[1, 2, 3, 4, 5].map((score) => `${countIf(`t.csat = ${score}`)} AS csat_${score}`),
    ],
    closed: ['COUNT(*) AS closed', 'SUM(COALESCE(t.amount_fen, 0)) AS revenue'],
  }[anchor];
  const g = group(ANCHORS[anchor]);
  return {
    sql: `SELECT ${g} AS g, ${columns.join(', ')} ${from.sql} AND ${inPeriod(anchor)} GROUP BY 1`,
    bindings: [...from.bindings, ...period],
  };
}

/**
 * What the payees other than ourselves were paid for the tickets closed in the period: their
 * settlement lines (the month's statement and its adjustments; seq -1 only lives inside a run's
 * transaction). A ticket is settled in the month it closed, so only those months' lines are read.
 */
export function cost(b: Base, n: ReportNames, group: GroupBy, period: [Date, Date], months: [string, string], ownParties: string[]): Sql {
  const g = group(ANCHORS.closed);
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
  const g = group(ANCHORS.created);
  return {
    sql: `SELECT ${g} AS g, COUNT(*) AS open ${from.sql} AND ${openAt()} GROUP BY 1`,
    bindings: [...from.bindings, at, at],
  };
}
const openAt = () => `t.reported_at < ? AND (${ANCHORS.done} IS NULL OR ${ANCHORS.done} >= ?)`;

/**
 * The median and 90th percentile (nearest rank) of `seconds` per group: the rows ranked by
 * duration within their group, keeping ranks ⌈n/2⌉ and ⌈0.9·n⌉ (integer arithmetic on both databases).
 */
function percentiles(inner: Sql): Sql {
  return {
    sql: `SELECT g, d, rn, n FROM (
        SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM (${inner.sql}) x
      ) y WHERE rn = (50 * n + 99) / 100 OR rn = (90 * n + 99) / 100`,
    bindings: inner.bindings,
  };
}

/** Percentiles of: first response (tickets created in the period that were answered), resolution (tickets done in it). */
export function durations(dialect: Dialect, b: Base, kind: 'firstResponse' | 'resolution', group: GroupBy, period: [Date, Date]): Sql {
  const from = fromBase(b);
  const s = dialectSql(dialect);
  const anchor: Anchor = kind === 'firstResponse' ? 'created' : 'done';
  const end = kind === 'firstResponse' ? 't.first_responded_at' : ANCHORS.done;
  const g = group(ANCHORS[anchor]);
  return percentiles({
    sql: `SELECT ${g} AS g, ${s.seconds('t.reported_at', end)} AS d ${from.sql} AND ${inPeriod(anchor)} AND ${end} IS NOT NULL`,
    bindings: [...from.bindings, ...period],
  });
}

/** Percentiles of the age of the tickets open at `at`. */
export function backlogAges(dialect: Dialect, b: Base, group: GroupBy, at: Date): Sql {
  const from = fromBase(b);
  const s = dialectSql(dialect);
  const g = group(ANCHORS.created);
  return percentiles({
    sql: `SELECT ${g} AS g, ${s.secondsUntil('t.reported_at')} AS d ${from.sql} AND ${openAt()}`,
    bindings: [at.getTime(), ...from.bindings, at, at],
  });
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
  const [which, bindings] = set === 'open' ? [openAt(), [at, at]] : [inPeriod(set), period];
  return {
    sql: `SELECT t.id, t.number, t.title, t.state, t.priority, t.source, t.team, t.reported_at, t.first_responded_at, t.resolved_at, t.closed_at,
        t.sla_met, t.csat, t.amount_fen, tl.${n.ticketTemplate.template} AS template_id, rl.${n.ticketRegion.region} AS region_id, al.${n.ticketAssignee.user} AS user_id
      ${from.sql} AND ${which} AND t.id > ? ORDER BY t.id LIMIT ${Number(page)}`,
    bindings: [...from.bindings, ...bindings, afterId],
  };
}
