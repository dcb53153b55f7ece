import { PLUGIN_ID } from '../../pluginId';

// A figure's tickets in the ticket list: the list takes the same filters and `counted` (created,
// done, closed, open) with the period's days, and lists exactly what the figure counted.
export type Counted = 'created' | 'done' | 'closed' | 'open';

/** The list's path for `counted` over the dashboard's query, narrowed by `extra` (a region, a state …). */
export function drilldownPath(dashboardQuery: string, counted: Counted, extra: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams(dashboardQuery);
  q.set('counted', counted);
  for (const [key, value] of Object.entries(extra)) {
    if (value) q.set(key, value);
  }
  return `/plugins/${PLUGIN_ID}/tickets?${q}`;
}

/** The last day of a period whose `to` is exclusive: people read a period by its last day. */
export const lastDay = (to: string) => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : to);

/** One day (or week starting that day, or month) of the trend as its own [from, to). */
export function bucketDays(key: string, interval: 'day' | 'week' | 'month'): { from: string; to: string } {
  const start = interval === 'month' ? new Date(`${key}-01T00:00:00Z`) : new Date(`${key}T00:00:00Z`);
  const end = new Date(start);
  if (interval === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + (interval === 'week' ? 7 : 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
