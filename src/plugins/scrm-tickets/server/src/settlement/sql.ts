// The month's settlement lines as one set-based statement (INSERT … SELECT over the period's
// tickets), the same arithmetic as `line.ts` and `split.ts` in integer SQL. Pure: it builds the
// SQL text and its named bindings; services/statements.ts runs it.
//
// Why integers: rates and coefficients have at most 6 decimals (validate-tier.ts), so a rate is
// an integer number of millionths (ppm) and `fen × rate` is exact in micro-fen. Half-up to the
// fen is then `(micro + 500000) / 1000000` in integer division, on Postgres and SQLite alike —
// the same result decimal.js gives, which a test checks ticket by ticket on both databases.
import { D } from './money';
import type { TierModel } from './types';

export type Dialect = 'postgres' | 'sqlite';

export interface SettledTier {
  id: number;
  key: string;
  currency: string;
  model: TierModel;
}

/** Table and column names, read from Strapi's metadata (services/statements.ts). */
export interface Names {
  tickets: string;
  /** ticket → template, template → tier, ticket → assignee, ticket → region link tables. */
  ticketTemplate: { table: string; ticket: string; template: string };
  templateTier: { table: string; template: string; tier: string };
  ticketAssignee: { table: string; ticket: string; user: string };
  ticketRegion: { table: string; ticket: string; region: string };
  statements: string;
  lines: string;
  /** Per-region factors of this run: region_id, store_code, top_code, region_ppm, season_ppm. */
  places: string;
  /** Ticket events and their ticket link (the department time split reads team changes). */
  events: string;
  eventTicket: { table: string; event: string; ticket: string };
}

const MICRO = 1_000_000;

/** A rate or coefficient (decimal string, ≤ 6 decimals) as an integer number of millionths. */
export function ppm(rate: string): number {
  const value = new D(rate).times(MICRO);
  if (!value.isInteger() || !value.abs().lte(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${rate} has more than 6 decimals`);
  return value.toNumber();
}

/** An integer we computed or validated, written into the SQL text (never user text). */
function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a safe integer`);
  return String(n);
}

/** Half-up to the fen of a micro-fen expression (non-negative). */
const halfUp = (micro: string) => `((${micro}) + ${MICRO / 2}) / ${MICRO}`;
const min = (a: string, b: string) => `(CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END)`;

export class Bindings {
  readonly values: Record<string, string> = {};
  private next = 0;
  /** A named binding for a string (party keys, item keys, tier keys, currencies). */
  text(value: string): string {
    const name = `b${this.next++}`;
    this.values[name] = value;
    return `CAST(:${name} AS TEXT)`;
  }
  /** A named binding for any other value (dates). */
  value(value: unknown): string {
    const name = `b${this.next++}`;
    this.values[name] = value as string;
    return `:${name}`;
  }
}

/** `CASE tier_id WHEN … THEN <per tier> … ELSE <otherwise> END`. */
function perTier(tiers: SettledTier[], of: (tier: SettledTier) => string, otherwise = '0'): string {
  return `CASE tier_id ${tiers.map((t) => `WHEN ${int(t.id)} THEN ${of(t)}`).join(' ')} ELSE ${otherwise} END`;
}

/** The exact commission on `basis`, in micro-fen (commission.ts). */
function commissionMicro(model: TierModel): string {
  const c = model.commission;
  if (!c || c.brackets.length === 0) return '0';
  if (c.mode === 'whole') {
    const reached = c.brackets.map((b) => (b.upToFen === null ? `ELSE basis * ${int(ppm(b.rate))}` : `WHEN basis <= ${int(b.upToFen)} THEN basis * ${int(ppm(b.rate))}`));
    return `(CASE WHEN basis <= 0 THEN 0 ${reached.join(' ')} END)`;
  }
  let lower = 0;
  const slices = c.brackets.map((b) => {
    const upper = b.upToFen === null ? 'basis' : min('basis', int(b.upToFen));
    const slice = `CASE WHEN basis > ${int(lower)} THEN (${upper} - ${int(lower)}) * ${int(ppm(b.rate))} ELSE 0 END`;
    if (b.upToFen !== null) lower = b.upToFen;
    return slice;
  });
  return `(${slices.join(' + ')})`;
}

function baseFee(model: TierModel, b: Bindings): string {
  const items = Object.entries(model.baseFees).filter(([item]) => item !== 'default');
  const fallback = int(model.baseFees.default ?? 0);
  if (items.length === 0) return fallback;
  return `(CASE item ${items.map(([item, fen]) => `WHEN ${b.text(item)} THEN ${int(fen)}`).join(' ')} ELSE ${fallback} END)`;
}

function rushOn(model: TierModel, b: Bindings): string {
  const rush = model.rush;
  if (!rush) return '0';
  const when: string[] = [];
  if (rush.priorities?.length) when.push(`priority IN (${rush.priorities.map((p) => b.text(p)).join(', ')})`);
  if (rush.withinHours !== undefined) when.push(`took_ms <= ${Number(rush.withinHours) * 3_600_000}`);
  return when.length ? `(CASE WHEN ${when.join(' OR ')} THEN 1 ELSE 0 END)` : '0';
}

function rushFen(model: TierModel): string {
  const rush = model.rush;
  if (!rush) return '0';
  return rush.fixedFen !== undefined ? int(rush.fixedFen) : halfUp(`before_rush * ${int(ppm(rush.rate ?? '0'))}`);
}

function satisfactionPpm(model: TierModel): string {
  const scores = Object.entries(model.satisfaction ?? {});
  if (scores.length === 0) return int(MICRO);
  return `(CASE csat ${scores.map(([score, coefficient]) => `WHEN ${int(Number(score))} THEN ${int(ppm(coefficient))}`).join(' ')} ELSE ${MICRO} END)`;
}

/** Each split level as a row (tier, level, party): a ticket's shares become one line each. */
function levelRows(tiers: SettledTier[], b: Bindings): string {
  return tiers.flatMap((tier) => tier.model.split.map((level, i) => `(${int(tier.id)}, ${int(i)}, ${b.text(level.party)})`)).join(', ');
}

/**
 * Level `i`'s exact share of `line` in micro-fen for one tier. With the asks before it and up to
 * it added up (rates in ppm of the line, fixed amounts in fen), the share is min(asked so far,
 * line) − min(asked before, line) — split.ts's "earlier levels are paid first, never negative" —
 * and the last level takes line − min(asked before, line). 0 past the tier's last level.
 */
function shareMicro(model: TierModel, i: number, line: string): string {
  if (i >= model.split.length) return '0';
  let rate = 0;
  let fixed = 0;
  for (const level of model.split.slice(0, i)) {
    if (level.fixedFen !== undefined) fixed += level.fixedFen;
    else rate += ppm(level.rate ?? '0');
  }
  const whole = `${line} * ${MICRO}`;
  const askedBefore = min(`(${line} * ${int(rate)} + ${int(fixed * MICRO)})`, whole);
  if (i === model.split.length - 1) return `(${whole} - ${askedBefore})`;
  const level = model.split[i];
  const upTo = level.fixedFen !== undefined ? [rate, fixed + level.fixedFen] : [rate + ppm(level.rate ?? '0'), fixed];
  return `(${min(`(${line} * ${int(upTo[0])} + ${int(upTo[1] * MICRO)})`, whole)} - ${askedBefore})`;
}

export const dialectOf = (dialect: Dialect) => ({
  /**
   * Ends a derived table so the planner keeps it apart: each step's columns are computed once per
   * row instead of its expression being copied into every use above (a line's expression would
   * otherwise be evaluated a dozen times per share). Postgres does not pull up a subquery with an
   * OFFSET, nor SQLite one with a LIMIT/OFFSET.
   */
  fence: dialect === 'postgres' ? 'OFFSET 0' : 'LIMIT -1 OFFSET 0',
  /** A text member of the ticket's JSON fields. */
  jsonText: (column: string, key: string) => (dialect === 'postgres' ? `(${column} ->> '${key}')` : `json_extract(${column}, '$.${key}')`),
  /** A numeric member of the ticket's JSON fields, or `fallback` when it is not a number. */
  jsonNumber: (column: string, key: string, fallback: string) =>
    dialect === 'postgres'
      ? `(CASE WHEN jsonb_typeof(${column} -> '${key}') = 'number' THEN CAST(${column} ->> '${key}' AS NUMERIC) ELSE ${fallback} END)`
      : `(CASE WHEN json_type(${column}, '$.${key}') IN ('integer', 'real') THEN json_extract(${column}, '$.${key}') ELSE ${fallback} END)`,
  /** Milliseconds between two datetimes (SQLite keeps them as epoch ms). */
  msBetween: (from: string, to: string) => (dialect === 'postgres' ? `(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)` : `(${to} - ${from})`),
});

export interface LinesQuery {
  dialect: Dialect;
  names: Names;
  tiers: SettledTier[];
  period: string;
  start: Date;
  end: Date;
  /** Whether a payee already has a sealed statement this period (else every line is seq 0). */
  anySealed: boolean;
}

/** The period's settled tickets with what their lines need (one row each). */
function periodTickets(q: LinesQuery, b: Bindings, closed: string, tiers: SettledTier[]): string {
  const { names: n } = q;
  const d = dialectOf(q.dialect);
  return `SELECT tk.id, tk.number, CAST(COALESCE(tk.amount_fen, 0) AS BIGINT) AS amount, tk.priority, tk.csat,
      ${d.jsonText('tk.fields', 'serviceItem')} AS item, ${d.msBetween('tk.reported_at', 'tk.resolved_at')} AS took_ms,
      ta.${n.ticketAssignee.user} AS assignee_id, tt.${n.templateTier.tier} AS tier_id,
      p.store_code, p.top_code, COALESCE(p.region_ppm, ${MICRO}) AS region_ppm, COALESCE(p.season_ppm, ${MICRO}) AS season_ppm
    FROM ${n.tickets} tk
    JOIN ${n.ticketTemplate.table} tl ON tl.${n.ticketTemplate.ticket} = tk.id
    JOIN ${n.templateTier.table} tt ON tt.${n.templateTier.template} = tl.${n.ticketTemplate.template}
    LEFT JOIN ${n.ticketAssignee.table} ta ON ta.${n.ticketAssignee.ticket} = tk.id
    LEFT JOIN ${n.ticketRegion.table} tr ON tr.${n.ticketRegion.ticket} = tk.id
    LEFT JOIN ${n.places} p ON p.region_id = tr.${n.ticketRegion.region}
    WHERE ${closed} AND tt.${n.templateTier.tier} IN (${tiers.map((t) => int(t.id)).join(', ')})`;
}

/** The payee of a `department` level until department-sql.ts shares it by holding time. */
export const DEPARTMENT_PENDING = 'department:pending';

/**
 * Who a split party pays (statement.ts `payeeOf`): `engineer` → the assignee, `store` → the
 * ticket's region, `region` → the top of its tree, `department` → the teams that held it (in a
 * second step), any other key → that key.
 */
const payeeOf = (party: string) => `CASE ${party}
      WHEN 'engineer' THEN CASE WHEN assignee_id IS NULL THEN 'engineer:unassigned' ELSE 'engineer:user:' || assignee_id END
      WHEN 'store' THEN COALESCE('store:region:' || store_code, 'store:none')
      WHEN 'region' THEN COALESCE('region:region:' || top_code, 'region:none')
      WHEN 'department' THEN '${DEPARTMENT_PENDING}'
      ELSE ${party} END`;

/**
 * The INSERT of computed rows (payee, currency, kind, id, number, tier, level, line_fen, fen)
 * into the lines table: seq 0, or -1 for a payee whose statement is already sealed (those rows
 * are compared with the sealed lines for an adjustment, then removed).
 */
export function insertLines(q: LinesQuery, b: Bindings, rows: string, prefix = ''): string {
  const { names: n } = q;
  const period = b.text(q.period);
  return `${prefix}
    INSERT INTO ${n.lines} (period, party, currency, seq, kind, ticket_id, ticket, tier, level, line_fen, fen, sealed)
    SELECT ${period}, o.payee, o.currency, ${q.anySealed ? 'CASE WHEN sealed.party IS NULL THEN 0 ELSE -1 END' : '0'},
      o.kind, o.id, o.number, o.tier, o.level, o.line_fen, o.fen, ${q.dialect === 'postgres' ? 'false' : '0'}
    FROM (${rows}) o
    ${
      q.anySealed
        ? `LEFT JOIN (SELECT DISTINCT party, currency FROM ${n.statements} WHERE period = ${period} AND status <> 'draft') sealed
             ON sealed.party = o.payee AND sealed.currency = o.currency`
        : ''
    }`;
}

/**
 * INSERT … SELECT of every settled ticket's split lines for the period, one per level: period,
 * payee, currency, seq (0, or -1 for a payee whose statement is already sealed: those rows are
 * compared against the sealed lines for an adjustment and then removed), ticket, tier, level,
 * line and share in fen.
 */
export function linesInsert(q: LinesQuery): { sql: string; bindings: Record<string, unknown> } {
  const { names: n, tiers } = q;
  const b = new Bindings();
  const d = dialectOf(q.dialect);
  const byVolume = tiers.filter((t) => t.model.commission?.basis === 'period_volume').map((t) => t.id);
  const closed = `tk.closed_at >= ${b.value(q.start)} AND tk.closed_at < ${b.value(q.end)}`;
  // The engineer's volume in the period (all tickets closed in it), for period-volume tiers.
  const volume = byVolume.length
    ? `LEFT JOIN (SELECT va.${n.ticketAssignee.user} AS assignee_id, SUM(COALESCE(tk.amount_fen, 0)) AS volume
         FROM ${n.tickets} tk JOIN ${n.ticketAssignee.table} va ON va.${n.ticketAssignee.ticket} = tk.id
         WHERE ${closed} GROUP BY va.${n.ticketAssignee.user}) v ON v.assignee_id = t.assignee_id`
    : '';
  const basis = byVolume.length
    ? `CASE WHEN t.tier_id IN (${byVolume.map(int).join(', ')}) AND t.assignee_id IS NOT NULL THEN CAST(COALESCE(v.volume, 0) AS BIGINT) ELSE t.amount END`
    : 't.amount';

  const ticketsOfPeriod = periodTickets(q, b, closed, tiers);

  const withBasis = `SELECT t.*, ${basis} AS basis FROM (${ticketsOfPeriod}) t ${volume} ${d.fence}`;
  const priced = `SELECT x.*,
      ${perTier(tiers, (t) => baseFee(t.model, b))} AS base_fen,
      ${halfUp(perTier(tiers, (t) => commissionMicro(t.model)))} AS commission_fen,
      ${perTier(tiers, (t) => rushOn(t.model, b))} AS rush_on,
      ${perTier(tiers, (t) => satisfactionPpm(t.model), String(MICRO))} AS satisfaction_ppm
    FROM (${withBasis}) x ${d.fence}`;
  const beforeRush = `SELECT y.*, base_fen + commission_fen AS before_rush FROM (${priced}) y ${d.fence}`;
  const withRush = `SELECT z.*, CASE WHEN rush_on = 1 THEN ${perTier(tiers, (t) => rushFen(t.model))} ELSE 0 END AS rush_fen FROM (${beforeRush}) z ${d.fence}`;
  const afterSatisfaction = `SELECT r.*, ${halfUp('(before_rush + rush_fen) * satisfaction_ppm')} AS after_satisfaction FROM (${withRush}) r ${d.fence}`;
  const afterRegion = `SELECT s.*, ${halfUp('after_satisfaction * region_ppm')} AS after_region FROM (${afterSatisfaction}) s ${d.fence}`;
  const lined = `SELECT u.*, ${halfUp('after_region * season_ppm')} AS line_fen FROM (${afterRegion}) u ${d.fence}`;

  // The split, per ticket in columns (a tier has at most 10 levels): exact shares, floors and
  // fractions, then the largest remainder without sorting — level i gets one of the fen the floors
  // leave when fewer than that many levels come before it in the order (fraction descending,
  // earlier level first): #{j < i: r_j >= r_i} + #{j > i: r_j > r_i} < spare.
  const levels = Array.from({ length: Math.max(...tiers.map((t) => t.model.split.length)) }, (_, i) => i);
  const line = 'CAST(line_fen AS BIGINT)';
  const shared = `SELECT w.*, ${levels.map((i) => `${perTier(tiers, (t) => shareMicro(t.model, i, line))} AS m${i}`).join(', ')}
    FROM (${lined}) w ${d.fence}`;
  const floored = `SELECT sh.*, ${levels.map((i) => `m${i} / ${MICRO} AS f${i}, m${i} % ${MICRO} AS r${i}`).join(', ')}
    FROM (${shared}) sh ${d.fence}`;
  const before = (i: number) => levels.filter((j) => j !== i).map((j) => `CASE WHEN r${j} ${j < i ? '>=' : '>'} r${i} THEN 1 ELSE 0 END`);
  const spare = `(line_fen - (${levels.map((i) => `f${i}`).join(' + ')}))`;
  const ranked = `SELECT f.*, ${levels
    .map((i) => `f${i} + CASE WHEN ${before(i).length ? `(${before(i).join(' + ')})` : '0'} < ${spare} THEN 1 ELSE 0 END AS fen${i}`)
    .join(', ')}
    FROM (${floored}) f ${d.fence}`;
  const paid = `SELECT ${payeeOf('party')} AS payee, ${perTier(tiers, (t) => b.text(t.currency), "'CNY'")} AS currency, 'ticket' AS kind, id, number,
      ${perTier(tiers, (t) => b.text(t.key), "''")} AS tier, level, line_fen,
      CASE level ${levels.map((i) => `WHEN ${i} THEN fen${i}`).join(' ')} END AS fen
    FROM (SELECT k.*, lv.level, lv.party FROM (${ranked}) k JOIN levels lv ON lv.tier_id = k.tier_id) e`;

  const sql = insertLines(q, b, paid, `WITH levels (tier_id, level, party) AS (VALUES ${levelRows(tiers, b)})`);
  return { sql, bindings: b.values };
}

/** The party a tier's volume rebate pays: `rebateParty`, else the split's last level. */
export const rebatePartyOf = (model: TierModel): string => model.rebateParty ?? model.split[model.split.length - 1].party;

/**
 * Volume rebates as period lines of their own: per tier with rebates, each payee of its rebate
 * party gets the rate of the highest threshold its month's volume (the amounts of its tickets on
 * that tier) exceeds, on the whole volume, rounded half-up (period.ts `rebateFen`). Null when no
 * tier has rebates.
 */
export function rebatesInsert(q: LinesQuery): { sql: string; bindings: Record<string, unknown> } | null {
  const tiers = q.tiers.filter((t) => t.model.rebates?.length);
  if (tiers.length === 0) return null;
  const b = new Bindings();
  const closed = `tk.closed_at >= ${b.value(q.start)} AND tk.closed_at < ${b.value(q.end)}`;
  const volumes = `SELECT payee, tier_id, CAST(SUM(amount) AS BIGINT) AS volume FROM (
      SELECT t.*, ${payeeOf(perTier(tiers, (t) => b.text(rebatePartyOf(t.model)), "''"))} AS payee FROM (${periodTickets(q, b, closed, tiers)}) t
    ) pt GROUP BY payee, tier_id`;
  const rebate = (model: TierModel) => {
    const reached = [...(model.rebates ?? [])].reverse().map((r) => `WHEN volume > ${int(r.overFen)} THEN ${halfUp(`volume * ${int(ppm(r.rate))}`)}`);
    return `CASE ${reached.join(' ')} ELSE 0 END`;
  };
  const rows = `SELECT * FROM (SELECT payee, ${perTier(tiers, (t) => b.text(t.currency), "'CNY'")} AS currency, 'rebate' AS kind,
      CAST(NULL AS INTEGER) AS id, CAST(NULL AS TEXT) AS number, ${perTier(tiers, (t) => b.text(t.key), "''")} AS tier,
      CAST(NULL AS INTEGER) AS level, volume AS line_fen,
      ${perTier(tiers, (t) => rebate(t.model))} AS fen
    FROM (${volumes}) v) r WHERE fen > 0`;
  return { sql: insertLines(q, b, rows), bindings: b.values };
}
