// Rebuilding one day of the rollups from the tickets: the day's rows go, then one INSERT … SELECT
// per family and per kind of duration writes them again, grouped by region × template × source ×
// team × agent — the same aggregates as the live figures (sql.ts), so both give the same answers.
import { REPORT_DURATION_TABLE, REPORT_ROLLUP_TABLE } from '../constants';
import { base, dialectSql, DURATION_ANCHOR, durationEnd, FAMILY_COLUMNS, inPeriod, periodBindings, type Anchor, type Dialect, type DurationKind, type ReportNames, type Sql } from './sql';

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/** The instant an Asia/Shanghai day (days since 1970-01-01) starts. */
export const dayStart = (day: number) => new Date(day * DAY_MS - SHANGHAI_MS);
/** The Asia/Shanghai day of an instant. */
export const dayOf = (at: Date | number) => Math.floor((new Date(at).getTime() + SHANGHAI_MS) / DAY_MS);
/** The settlement month (YYYY-MM) of a day. */
export const monthOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 7);

const DIMENSIONS = ['region_id', 'template_id', 'source', 'team', 'agent_id'];

export function rebuildDay(n: ReportNames, dialect: Dialect, day: number, ownParties: string[]): Sql[] {
  const b = base(n, dialect, {});
  const c = b.cols;
  const dims = [c.region, c.template, c.source, c.team, c.agent];
  const span: [Date, Date] = [dayStart(day), dayStart(day + 1)];
  // Positions of the dimensions in the SELECT lists below (after the family or kind, and the day).
  const groupBy = 'GROUP BY 3, 4, 5, 6, 7';

  const family = (anchor: Anchor): Sql => {
    const columns = FAMILY_COLUMNS[anchor];
    const own = ownParties.length ? `AND l.party NOT IN (${ownParties.map(() => '?').join(', ')})` : '';
    // The closed family carries what the tickets' settlement lines paid the other parties.
    const cost =
      anchor === 'closed'
        ? {
            join: `LEFT JOIN (SELECT l.ticket_id, SUM(l.fen) AS fen FROM ${n.lines} l WHERE l.period = ? AND l.kind = 'ticket' AND l.seq >= 0 ${own} GROUP BY l.ticket_id) lc ON lc.ticket_id = t.id`,
            bindings: [monthOf(day), ...ownParties],
          }
        : null;
    const names = [...columns.map(([name]) => name), ...(cost ? ['cost'] : [])];
    const sums = [...columns.map(([, sum]) => sum), ...(cost ? ['SUM(COALESCE(lc.fen, 0))'] : [])];
    // Created rows also keep the tickets' state (the funnel); a state change names the reported day.
    const state = anchor === 'created' ? 't.state' : 'NULL';
    return {
      sql: `INSERT INTO ${REPORT_ROLLUP_TABLE} (family, day, ${DIMENSIONS.join(', ')}, state, ${names.join(', ')})
        SELECT '${anchor}', ${day}, ${dims.join(', ')}, ${state}, ${sums.join(', ')} ${b.joins} ${cost?.join ?? ''}
        WHERE ${inPeriod(anchor)} ${groupBy}, 8`,
      bindings: [...(cost?.bindings ?? []), ...periodBindings(anchor, span)],
    };
  };

  const durations = (kind: DurationKind): Sql => {
    const anchor = DURATION_ANCHOR[kind];
    const end = durationEnd(kind);
    return {
      sql: `INSERT INTO ${REPORT_DURATION_TABLE} (kind, day, ${DIMENSIONS.join(', ')}, seconds, n)
        SELECT '${kind}', ${day}, ${dims.join(', ')}, ${dialectSql(dialect).seconds('t.reported_at', end)}, COUNT(*) ${b.joins}
        WHERE ${inPeriod(anchor)} AND ${end} IS NOT NULL ${groupBy}, 8`,
      bindings: periodBindings(anchor, span),
    };
  };

  return [
    { sql: `DELETE FROM ${REPORT_ROLLUP_TABLE} WHERE day = ?`, bindings: [day] },
    { sql: `DELETE FROM ${REPORT_DURATION_TABLE} WHERE day = ?`, bindings: [day] },
    family('created'),
    family('done'),
    family('closed'),
    durations('first_response'),
    durations('resolution'),
  ];
}
