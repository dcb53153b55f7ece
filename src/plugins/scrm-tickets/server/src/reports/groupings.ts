// How a breakdown or trend groups the tickets: the SQL key per ticket, the keys that must appear
// even when empty (every day of a trend), and the key and label each group is shown with.
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { TEAM_UID, TEMPLATE_UID } from '../constants';
import { getService } from '../utils/get-service';
import { subtreeIds } from '../services/staff-scope';
import type { Anchor, Cols, GroupBy } from './sql';
import { ZONE, type ReportQuery } from './filters';
import { nextMonth } from './days';

export interface Grouping {
  group: GroupBy;
  /** Group keys (as SQL returns them, in text) present even without tickets, in this order. */
  keys: string[];
  /** Labels for the keys found: the key shown (a template's key, a day) and a readable name. */
  labels: (keys: string[]) => Promise<(g: string) => { key: string | null; label: string }>;
  /** Rows keep the order of `keys` (a time line) instead of the biggest first. */
  ordered?: boolean;
  /** Every day of a calendar month falls in one group: a whole month can be read as one (levels.ts). */
  monthly?: boolean;
  /** A time line's days [first, end) of a group key. */
  daysOf?: (g: string) => [number, number];
}

interface Context {
  resolved: { query: ReportQuery; regionIds: number[] | null };
}

const DAY_MS = 86_400_000;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** Monday of the week of a day number (1970-01-01 was a Thursday). */
const monday = (day: number) => day - ((day + 3) % 7);
const plain = (g: string) => ({ key: g === '' ? null : g, label: g });

/** Groups whose labels come from a table keyed by the group value (ids or keys). */
const byLookup = (group: GroupBy, lookup: (keys: string[]) => Promise<Map<string, { key: string; label: string }>>): Grouping => ({
  group,
  keys: [],
  async labels(keys) {
    const found = await lookup(keys.filter((k) => k !== ''));
    return (g) => found.get(g) ?? { key: g === '' ? null : g, label: g };
  },
});

export function groupings(strapi: Core.Strapi, { resolved }: Context): Record<string, () => Grouping | Promise<Grouping>> {
  const { fromDay, toDay } = resolved.query;
  const firstDay = dayNumber(fromDay);
  const endDay = dayNumber(toDay);

  return {
    source: () => ({ group: (c) => c.source, keys: [], labels: async () => plain }),

    team: () =>
      byLookup((c) => c.team, async (keys) => {
        const rows: any[] = await strapi.db.query(TEAM_UID as any).findMany({ where: { key: { $in: keys } }, select: ['key', 'name'] });
        return new Map(rows.map((t) => [t.key, { key: t.key, label: t.name ?? t.key }]));
      }),

    template: () =>
      byLookup((c) => c.template, async (keys) => {
        const rows: any[] = await strapi.db.query(TEMPLATE_UID as any).findMany({ where: { id: { $in: keys.map(Number) } }, select: ['id', 'key', 'name'] });
        return new Map(rows.map((t) => [String(t.id), { key: t.key, label: t.name ?? t.key }]));
      }),

    agent: () =>
      byLookup((c) => c.agent, async (keys) => {
        const rows: any[] = await strapi.db.query('admin::user').findMany({ where: { id: { $in: keys.map(Number) } }, select: ['id', 'firstname', 'lastname', 'email'] });
        return new Map(rows.map((u) => [String(u.id), { key: String(u.id), label: [u.lastname, u.firstname].filter(Boolean).join('') || u.email }]));
      }),

    /**
     * The children of the region filter (or the top regions without one), each with its whole
     * subtree; a ticket placed on the filtered region itself is its own group. Keys are region
     * ids in the SQL, so no user text enters it.
     */
    region: async () => {
      const tree = await getService('staff-scope', { strapi }).regions();
      const parent = resolved.query.region ? tree.find((r) => r.code === resolved.query.region) : undefined;
      const allowed = resolved.regionIds ? new Set(resolved.regionIds) : null;
      const cases = tree
        .filter((r) => r.parentId === (parent ? parent.id : null))
        .map((child) => ({ id: child.id, ids: subtreeIds(tree, [child.code]).filter((id) => !allowed || allowed.has(id)) }))
        .filter((c) => c.ids.length)
        .map((c) => ({ when: (column: string) => `WHEN ${column} IN (${c.ids.join(', ')}) THEN ${c.id}` }));
      if (parent) cases.push({ when: (column: string) => `WHEN ${column} = ${parent.id} THEN ${parent.id}` });
      const expression = (column: string) => (cases.length ? `(CASE ${cases.map((c) => c.when(column)).join(' ')} ELSE NULL END)` : 'NULL');
      const byId = new Map(tree.map((r) => [String(r.id), r]));
      return {
        group: (c) => expression(c.region),
        keys: [],
        labels: async () => (g) => {
          const r = byId.get(g);
          return r ? { key: r.code, label: r.name ?? r.code } : { key: null, label: '' };
        },
      };
    },

    day: () => ({
      group: (c, anchor) => c.day(anchor),
      keys: Array.from({ length: endDay - firstDay }, (_, i) => String(firstDay + i)),
      labels: async () => (g) => ({ key: isoDay(Number(g)), label: isoDay(Number(g)) }),
      ordered: true,
      daysOf: (g) => [Number(g), Number(g) + 1],
    }),

    week: () => {
      const weeks: string[] = [];
      for (let w = monday(firstDay); w < endDay; w += 7) weeks.push(String(w));
      return {
        group: (c, anchor) => `(${c.day(anchor)} - ((${c.day(anchor)} + 3) % 7))`,
        keys: weeks,
        labels: async () => (g) => ({ key: isoDay(Number(g)), label: isoDay(Number(g)) }),
        ordered: true,
        daysOf: (g) => [Number(g), Number(g) + 7],
      };
    },

    month: () => {
      const months: string[] = [];
      const last = DateTime.fromISO(toDay, { zone: ZONE }).minus({ days: 1 });
      for (let m = DateTime.fromISO(fromDay, { zone: ZONE }).startOf('month'); m <= last; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'));
      const starts = months.map((m) => dayNumber(`${m}-01`));
      // The month of a moment of the period, by comparing it with the months' first days (a binary
      // search): comparisons cost a fraction of formatting a date on every row.
      const monthOf = (c: Cols, anchor: Anchor, from: number, to: number): string => {
        if (to - from === 1) return `'${months[from]}'`;
        const mid = (from + to) >> 1;
        return `(CASE WHEN ${c.before(anchor, starts[mid])} THEN ${monthOf(c, anchor, from, mid)} ELSE ${monthOf(c, anchor, mid, to)} END)`;
      };
      return {
        group: (c, anchor) => monthOf(c, anchor, 0, months.length),
        keys: months,
        labels: async () => plain,
        ordered: true,
        monthly: true,
        daysOf: (g) => {
          const first = dayNumber(`${g}-01`);
          return [first, nextMonth(first)];
        },
      };
    },
  };
}
