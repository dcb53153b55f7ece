// Rebuilding one day of the rollups from the tickets: the day's rows go, then one INSERT … SELECT
// per family and per kind of duration writes them again, grouped by region × template × source ×
// team × agent — the same aggregates as the live figures (sql.ts), so both give the same answers —
// and the marginal level (levels.ts) is summed from those rows, per grain. A month's histograms
// are summed from its days' (`rebuildMonth`), after its days.
import { REPORT_DURATION_TABLE, REPORT_HISTOGRAM_TABLE, REPORT_MARGINAL_TABLE, REPORT_ROLLUP_TABLE } from '../constants';
import { DURATION_ANCHOR, durationEnd, type DurationKind } from './duration-sql';
import { GRAINS, GRAIN_COLUMN, HISTOGRAM_GRAINS } from './levels';
import { bucketSql } from './percentiles';
import { dayStart, monthOf, nextMonth } from './days';
import { base, dialectSql, FAMILY_COLUMNS, inPeriod, periodBindings, type Anchor, type Dialect, type ReportNames, type Sql } from './sql';

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
      sql: `INSERT INTO ${REPORT_DURATION_TABLE} (kind, day, ${DIMENSIONS.join(', ')}, seconds, bucket, n)
        SELECT '${kind}', ${day}, ${DIMENSIONS.join(', ')}, x.seconds, ${bucketSql('x.seconds')}, x.n FROM (
          SELECT ${dims.map((d, i) => `${d} AS ${DIMENSIONS[i]}`).join(', ')}, ${dialectSql(dialect).seconds('t.reported_at', end)} AS seconds, COUNT(*) AS n ${b.joins}
          WHERE ${inPeriod(anchor)} AND ${end} IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
        ) x`,
      bindings: periodBindings(anchor, span),
    };
  };

  const sums = [...new Set(Object.values(FAMILY_COLUMNS).flatMap((columns) => columns.map(([name]) => name))), 'cost'];
  /** Each grain's rows of the day, summed from the fine ones. */
  const marginals = GRAINS.flatMap((grain): Sql[] => {
    const column = GRAIN_COLUMN[grain];
    const keep = (name: string) => (name === column ? name : 'NULL');
    const by = column ? `, ${column}` : '';
    const counts: Sql = {
      sql: `INSERT INTO ${REPORT_MARGINAL_TABLE} (family, day, grain, region_id, template_id, source, team, agent_id, state, ${sums.join(', ')})
        SELECT family, day, '${grain}', ${keep('region_id')}, ${keep('template_id')}, ${keep('source')}, ${keep('team')}, ${keep('agent_id')}, state, ${sums.map((name) => `SUM(${name})`).join(', ')}
        FROM ${REPORT_ROLLUP_TABLE} WHERE day = ? GROUP BY family, day${by}, state`,
      bindings: [day],
    };
    if (!HISTOGRAM_GRAINS.includes(grain)) return [counts];
    return [
      counts,
      {
        sql: `INSERT INTO ${REPORT_HISTOGRAM_TABLE} (kind, span, day, grain, template_id, source, team, bucket, n)
          SELECT kind, 'day', day, '${grain}', ${keep('template_id')}, ${keep('source')}, ${keep('team')}, bucket, SUM(n)
          FROM ${REPORT_DURATION_TABLE} WHERE day = ? GROUP BY kind, day${by}, bucket`,
        bindings: [day],
      },
    ];
  });

  return [
    { sql: `DELETE FROM ${REPORT_ROLLUP_TABLE} WHERE day = ?`, bindings: [day] },
    { sql: `DELETE FROM ${REPORT_DURATION_TABLE} WHERE day = ?`, bindings: [day] },
    { sql: `DELETE FROM ${REPORT_MARGINAL_TABLE} WHERE day = ?`, bindings: [day] },
    { sql: `DELETE FROM ${REPORT_HISTOGRAM_TABLE} WHERE span = 'day' AND day = ?`, bindings: [day] },
    family('created'),
    family('done'),
    family('closed'),
    durations('first_response'),
    durations('resolution'),
    ...marginals,
  ];
}

/** A month's histograms (every grain), summed from its days' — `first` is the month's first day. */
export function rebuildMonth(first: number): Sql[] {
  return [
    { sql: `DELETE FROM ${REPORT_HISTOGRAM_TABLE} WHERE span = 'month' AND day = ?`, bindings: [first] },
    {
      sql: `INSERT INTO ${REPORT_HISTOGRAM_TABLE} (kind, span, day, grain, template_id, source, team, bucket, n)
        SELECT kind, 'month', ${Number(first)}, grain, template_id, source, team, bucket, SUM(n)
        FROM ${REPORT_HISTOGRAM_TABLE} WHERE span = 'day' AND day >= ? AND day < ? GROUP BY kind, grain, template_id, source, team, bucket`,
      bindings: [first, nextMonth(first)],
    },
  ];
}
