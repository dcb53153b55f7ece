// The tickets behind a figure, as document-service filters for the ticket list: the dashboard's
// drill-down opens the list with `counted`, `from` and `to`, and the list shows exactly the tickets
// the figure counted (the same anchors as reports/sql.ts).
import type { PathError } from '../utils/field-errors';
import { parseReportQuery } from './filters';

export const COUNTED = ['created', 'done', 'closed', 'open'] as const;
export type Counted = (typeof COUNTED)[number];

const range = (field: string, from: string, to: string) => ({ [field]: { $gte: from, $lt: to } });

/** Filters for `counted` over [from, to), or the problems with the parameters. */
export function countedFilter(query: Record<string, unknown>, now = new Date()): { filter?: Record<string, unknown>; problems: PathError[] } {
  const counted = query.counted;
  if (counted === undefined || counted === '') return { problems: [] };
  if (typeof counted !== 'string' || !(COUNTED as readonly string[]).includes(counted)) {
    return { problems: [{ path: ['counted'], message: `must be one of ${COUNTED.join(', ')}` }] };
  }
  const { value, errors } = parseReportQuery({ from: query.from, to: query.to }, now);
  if (!value) return { problems: errors };
  const [from, to] = [value.from.toISOString(), value.to.toISOString()];
  const at = (value.to < now ? value.to : now).toISOString();
  const filter = {
    created: range('reportedAt', from, to),
    done: { $or: [range('resolvedAt', from, to), { resolvedAt: { $null: true }, ...range('closedAt', from, to) }] },
    closed: range('closedAt', from, to),
    open: {
      reportedAt: { $lt: at },
      $or: [{ resolvedAt: { $null: true }, closedAt: { $null: true } }, { resolvedAt: { $gte: at } }, { resolvedAt: { $null: true }, closedAt: { $gte: at } }],
    },
  }[counted as Counted];
  return { filter, problems: [] };
}
