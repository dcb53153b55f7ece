// The department time split in SQL: a split level whose party is `department` is shared among the
// teams that held the ticket, by how long each held it (period.ts `shareByTime`). Pure: builds
// the statement; services/statements.ts runs it after the month's lines are in.
import { Bindings, DEPARTMENT_PENDING, dialectOf, insertLines, type LinesQuery } from './sql';

export const hasDepartmentLevel = (q: LinesQuery) => q.tiers.some((t) => t.model.split.some((l) => l.party === 'department'));

/**
 * Replaces each pending department line (the level's share of a ticket) with one line per team:
 * the holdings are the ticket's events that changed its `team` (the team after the change, from
 * the moment of the event) up to its closing; each team's exact share is fee × its time / the
 * total, then the largest remainder (ties to the team that held it first). A ticket no team held
 * for any time goes wholly to its first team; one with no team at all to `department:none`.
 */
export function departmentInsert(q: LinesQuery): { sql: string; bindings: Record<string, unknown> } {
  const { names: n } = q;
  const b = new Bindings();
  const d = dialectOf(q.dialect);
  const period = b.text(q.period);
  const pending = `SELECT l.*, tk.closed_at FROM ${n.lines} l JOIN ${n.tickets} tk ON tk.id = l.ticket_id
    WHERE l.period = ${period} AND l.party = '${DEPARTMENT_PENDING}' AND l.sealed = ${q.dialect === 'postgres' ? 'false' : '0'}`;
  const teamAfter = q.dialect === 'postgres' ? `(e.changes -> 'team' ->> 'after')` : `json_extract(e.changes, '$.team.after')`;
  const teamChanged = q.dialect === 'postgres' ? `(e.changes -> 'team') IS NOT NULL` : `json_type(e.changes, '$.team') IS NOT NULL`;
  const holdings = `SELECT p.ticket_id, p.closed_at, e.id AS event_id, e.occurred_at AS held_from, COALESCE(${teamAfter}, '') AS team
    FROM (SELECT DISTINCT ticket_id, closed_at FROM (${pending}) pp) p
    JOIN ${n.eventTicket.table} el ON el.${n.eventTicket.ticket} = p.ticket_id
    JOIN ${n.events} e ON e.id = el.${n.eventTicket.event}
    WHERE ${teamChanged}`;
  // In the order they happened (ties: the order they were recorded), which also ranks the teams.
  const held = `SELECT h.*, LEAD(held_from) OVER (PARTITION BY ticket_id ORDER BY held_from, event_id) AS held_until,
      ROW_NUMBER() OVER (PARTITION BY ticket_id ORDER BY held_from, event_id) AS turn FROM (${holdings}) h`;
  // Each holding's milliseconds, cut at the closing (never negative).
  const until = `CASE WHEN held_until IS NULL OR held_until > closed_at THEN closed_at ELSE held_until END`;
  const ms = `CASE WHEN ${until} > held_from THEN CAST(${d.msBetween('held_from', until)} AS BIGINT) ELSE 0 END`;
  const times = `SELECT ticket_id, team, CAST(SUM(${ms}) AS BIGINT) AS ms, MIN(turn) AS first_turn FROM (${held}) x GROUP BY ticket_id, team`;
  const shares = `SELECT p.*, COALESCE(t.team, '') AS team, COALESCE(t.ms, 0) AS ms, t.first_turn,
      CAST(SUM(COALESCE(t.ms, 0)) OVER (PARTITION BY p.ticket_id, p.level) AS BIGINT) AS total,
      ROW_NUMBER() OVER (PARTITION BY p.ticket_id, p.level ORDER BY t.first_turn) AS holder
    FROM (${pending}) p LEFT JOIN (${times}) t ON t.ticket_id = p.ticket_id`;
  const floored = `SELECT s.*,
      CASE WHEN total = 0 THEN CASE WHEN holder = 1 THEN fen ELSE 0 END ELSE (fen * ms) / total END AS floor_fen,
      CASE WHEN total = 0 THEN 0 ELSE (fen * ms) % total END AS remainder
    FROM (${shares}) s`;
  const ranked = `SELECT f.*, fen - SUM(floor_fen) OVER (PARTITION BY ticket_id, level) AS spare,
      ROW_NUMBER() OVER (PARTITION BY ticket_id, level ORDER BY remainder DESC, first_turn) AS place
    FROM (${floored}) f`;
  const rows = `SELECT CASE WHEN team = '' THEN 'department:none' ELSE 'department:team:' || team END AS payee, currency, kind,
      ticket_id AS id, ticket AS number, tier, level, line_fen, floor_fen + CASE WHEN place <= spare THEN 1 ELSE 0 END AS fen
    FROM (${ranked}) k`;
  return { sql: insertLines(q, b, rows), bindings: b.values };
}
