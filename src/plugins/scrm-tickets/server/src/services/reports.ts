import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { dialectOf, reportNames } from '../reports/names';
import { dayOf, dayStart, monthOf } from '../reports/days';
import { rowsOf as rowsOfRaw } from '../utils/raw';
import { validationError, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import { parseReportQuery, type ReportQuery } from '../reports/filters';
import * as q from '../reports/sql';
import { assemble, type Figures, type Percentiles } from '../reports/figures';
import * as dq from '../reports/duration-sql';
import { levelFor, spansOf } from '../reports/levels';
import { locate, pick, type Target } from '../reports/percentiles';
import { KeywordCounter } from '../reports/keywords';
import { groupings, type Grouping } from '../reports/groupings';
import type { PluginConfig } from '../config';
import { DEFAULT_WORKFLOW } from '../workflow/default-workflow';
import { workflowOf } from '../workflow/transitions';

export const BREAKDOWNS = ['source', 'template', 'region', 'team', 'agent'] as const;
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export type Interval = (typeof INTERVALS)[number];
/** Which tickets a drill-down lists: those a figure counted. */
export const TICKET_SETS = ['created', 'done', 'closed', 'open'] as const;
export type TicketSet = (typeof TICKET_SETS)[number];

const TOP = 20;
const TITLE_PAGE = 5000;

/** The filters, resolved to ids and checked against the reader's region scope. */
export interface Resolved {
  query: ReportQuery;
  dims: q.Dimensions;
  base: q.Base;
  /** Every figure from the tickets, none from the rollups (to check them, and to compare speeds). */
  live: boolean;
  period: [Date, Date];
  /** The backlog is taken at the period's end, or now when that is still ahead. */
  at: Date;
  /** The regions the figures cover (null: all); region breakdowns group within them. */
  regionIds: number[] | null;
  template?: { id: number; key: string; workflow: unknown };
}

/** `live`: compute from the tickets alone, as if no rollup existed. */
export interface Options {
  live?: boolean;
}

export interface GroupRow extends Figures {
  key: string | null;
  label: string;
}

const oneOf = <T extends string>(list: readonly T[], value: unknown, path: string, fallback: T): T => {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  throw validationError([{ path: [path], message: `must be one of ${list.join(', ')}` }]);
};

/**
 * The KPI and revenue dashboard (数据驾驶舱): the figures of reports/figures.ts over the tickets,
 * for a period and the dimension filters, in total, per dimension and over time. Staff confined to
 * regions (agents, store managers) see their regions' figures only. Computed from the tickets
 * themselves (reports/sql.ts), on Postgres and SQLite alike.
 */
const createReportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const dialect = () => dialectOf(strapi);
  const run = async (sql: q.Sql): Promise<any[]> => rowsOfRaw(await strapi.db.connection.raw(sql.sql, sql.bindings as any));
  const ownParties = () => (strapi.config.get('plugin::scrm-tickets') as PluginConfig).reports?.ownParties ?? ['platform'];

  async function resolve(raw: Record<string, unknown>, opts: Options = {}): Promise<Resolved> {
    const { value, errors } = parseReportQuery(raw);
    if (!value) throw validationError(errors);
    const scope = getService('staff-scope', { strapi });
    const confined = await scope.regionIds();
    const problems: PathError[] = [];
    let regionIds: number[] | null = confined;
    if (value.region) {
      const subtree = await scope.subtree(value.region);
      if (!subtree) problems.push({ path: ['region'], message: 'names no region' });
      else regionIds = confined ? subtree.filter((id) => confined.includes(id)) : subtree;
    }
    let template: Resolved['template'];
    if (value.template) {
      const row: any = await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key: value.template }, select: ['id', 'key', 'workflow'] });
      if (!row) problems.push({ path: ['template'], message: 'names no template' });
      else template = { id: row.id, key: row.key, workflow: row.workflow };
    }
    if (problems.length) throw validationError(problems);
    const dims: q.Dimensions = { regionIds, templateId: template?.id, source: value.source, team: value.team, agent: value.agent };
    const now = new Date();
    return { query: value, dims, base: q.base(reportNames(strapi), dialect(), dims), period: [value.from, value.to], at: value.to < now ? value.to : now, regionIds, template, live: Boolean(opts.live) };
  }

  /** The period split: the days the rollups hold, and the rest (from the first day not built) read live. */
  type Split = Awaited<ReturnType<typeof split>>;
  async function split(r: Resolved) {
    const through = r.live ? null : await getService('report-rollups', { strapi }).builtThrough();
    const [first, end] = [dayOf(r.period[0]), dayOf(r.period[1])];
    const at = through === null ? first : Math.min(Math.max(through + 1, first), end);
    const rolled: [number, number] | null = at > first ? [first, at] : null;
    const live: [Date, Date] | null = at < end ? [dayStart(at), r.period[1]] : null;
    const months: [string, string] | null = live ? [monthOf(at), monthOf(end - 1)] : null;
    /** The rollups' query for the rolled days and the tickets' for the live ones, run side by side, rows together. */
    const both = async (fromRollups: () => q.Sql, fromTickets: () => q.Sql) =>
      (await Promise.all([rolled ? run(fromRollups()) : [], live ? run(fromTickets()) : []])).flat();
    const parts = (fromRollups: () => q.Sql, fromTickets: () => q.Sql) => [rolled ? fromRollups() : null, live ? fromTickets() : null].filter((x): x is q.Sql => x !== null);
    return { rolled, live, months, both, parts };
  }

  /**
   * Nearest-rank percentiles per group in two reads (reports/percentiles.ts): bucket counts from
   * `first`, then the exact seconds of the buckets holding the ranks from `second`.
   */
  async function percentiles(first: q.Sql[], second: (targets: Target[]) => q.Sql[]): Promise<{ of: Map<string, Percentiles>; totals: Map<string, number> }> {
    const { targets, totals } = locate((await Promise.all(first.map(run))).flat());
    if (!targets.length) return { of: new Map(), totals };
    return { of: pick(targets, (await Promise.all(second(targets).map(run))).flat()), totals };
  }

  /**
   * Every figure per group of `grouping`. The days the rollups hold are read from them (at the
   * smallest level that keeps what the query names: levels.ts), the rest (today, and days not yet
   * rebuilt) from the tickets, and the two add up, percentiles included; the backlog always from
   * the tickets. `live` reads everything from the tickets.
   */
  async function figuresBy(r: Resolved, grouping: Grouping, withBacklog: boolean, periodSplit?: Split): Promise<Map<string, Figures>> {
    const d = dialect();
    const n = reportNames(strapi);
    const { group } = grouping;
    const { rolled, live, months, both, parts } = periodSplit ?? (await split(r));
    const level = levelFor(r.dims, group, Boolean(grouping.monthly));
    const family = (anchor: q.Anchor) => both(() => q.rollupCounts(level, r.dims, anchor, group, rolled!), () => q.counts(r.base, anchor, group, live!));
    const durations = (kind: dq.DurationKind) => {
      const rows = () => dq.durationRows(d, r.base, kind, group, live!);
      return percentiles(parts(() => dq.rollupBuckets(level, r.dims, kind, group, spansOf(level, rolled!)), () => dq.bucketCounts(d, rows())), (targets) =>
        parts(() => dq.rollupExact(r.dims, kind, group, rolled!, targets, grouping.daysOf), () => dq.exactIn(d, rows(), targets))
      );
    };
    // The backlog's count is the number of ages its percentiles are found among: no read of its own.
    const ages = () => dq.backlogAgeRows(d, r.base, group, r.at);
    const [created, done, closed, cost, firstResponse, resolution, backlog] = await Promise.all([
      family('created'),
      family('done'),
      family('closed'),
      live ? run(q.cost(r.base, n, group, live, months!, ownParties())) : [],
      durations('first_response'),
      durations('resolution'),
      withBacklog ? percentiles([dq.bucketCounts(d, ages())], (targets) => [dq.exactIn(d, ages(), targets)]) : undefined,
    ]);
    return assemble(
      {
        created, done, closed, cost, firstResponse: firstResponse.of, resolution: resolution.of,
        backlog: backlog && [...backlog.totals].map(([g, open]) => ({ g, open })),
        backlogAge: backlog?.of,
      },
      grouping.keys
    );
  }

  const echo = (r: Resolved) => {
    const { from, to, ...filters } = r.query;
    return { from: filters.fromDay, to: filters.toDay, region: filters.region ?? null, template: filters.template ?? null, source: filters.source ?? null, team: filters.team ?? null, agent: filters.agent ?? null };
  };

  async function rowsOf(r: Resolved, grouping: Grouping, withBacklog: boolean): Promise<GroupRow[]> {
    const figures = await figuresBy(r, grouping, withBacklog);
    const labels = await grouping.labels([...figures.keys()]);
    const rows = [...figures].map(([g, f]) => ({ ...labels(g), ...f }));
    return grouping.ordered ? rows : rows.sort((a, b) => b.created - a.created || b.resolved - a.resolved || String(a.key).localeCompare(String(b.key)));
  }

  const groupingOf = (r: Resolved, by: Breakdown | Interval) => groupings(strapi, { resolved: r })[by]();

  return {
    resolve,

    /** The period's figures in total, the source mix and the funnel of states. */
    async summary(raw: Record<string, unknown>, opts: Options = {}) {
      const r = await resolve(raw, opts);
      // One read of how far the rollups are built, for the totals and the source mix and funnel alike.
      const periodSplit = await split(r);
      const total = (await figuresBy(r, { group: q.TOTAL, keys: ['all'], labels: async () => () => ({ key: null, label: '' }) }, true, periodSplit)).get('all')!;
      const { rolled, live, both } = periodSplit;
      const bySource: q.GroupBy = (c) => c.source;
      const [sourceRows, stateRows] = await Promise.all([
        both(() => q.rollupCounts(levelFor(r.dims, bySource, false), r.dims, 'created', bySource, rolled!), () => q.counts(r.base, 'created', bySource, live!)),
        both(() => q.rollupStates(levelFor(r.dims, q.TOTAL, false), r.dims, rolled!), () => q.states(r.base, live!)),
      ]);
      // A source or state can have a row from the rollups and one from the live days: added up.
      const sum = (rows: any[], key: string, value: string) => {
        const totals = new Map<string, number>();
        for (const row of rows) totals.set(String(row[key]), (totals.get(String(row[key])) ?? 0) + Number(row[value]));
        return [...totals];
      };
      const sources = sum(sourceRows, 'g', 'created').map(([g, created]) => ({ g, created }));
      const states = sum(stateRows, 'state', 'tickets').map(([state, tickets]) => ({ state, tickets }));
      const workflow = r.template ? workflowOf(r.template as any) : DEFAULT_WORKFLOW;
      const order = workflow.states.map((s) => s.key);
      const funnel = states
        .map((s) => ({ state: s.state as string, label: workflow.states.find((w) => w.key === s.state)?.label ?? null, tickets: Number(s.tickets) }))
        .sort((a, b) => (order.indexOf(a.state) + 1 || 999) - (order.indexOf(b.state) + 1 || 999) || a.state.localeCompare(b.state));
      return {
        filters: echo(r),
        totals: total,
        sources: sources.map((s) => ({ source: s.g as string, created: Number(s.created) })).sort((a, b) => b.created - a.created || a.source.localeCompare(b.source)),
        funnel,
      };
    },

    /** The figures per source, template, region (the children of the region filter), team or agent. */
    async breakdown(raw: Record<string, unknown>, opts: Options = {}) {
      const by = oneOf(BREAKDOWNS, raw.by, 'by', 'source');
      const r = await resolve(raw, opts);
      return { filters: echo(r), by, rows: await rowsOf(r, await groupingOf(r, by), true) };
    },

    /** The figures per day, week (from Monday) or month of the period, every bucket present. */
    async trend(raw: Record<string, unknown>, opts: Options = {}) {
      const interval = oneOf(INTERVALS, raw.interval, 'interval', 'day');
      const r = await resolve(raw, opts);
      return { filters: echo(r), interval, rows: await rowsOf(r, await groupingOf(r, interval), false) };
    },

    /** The most used tags and title keywords of the tickets created in the period. */
    async keywords(raw: Record<string, unknown>) {
      const r = await resolve(raw);
      const tags = await run(q.tags(dialect(), r.base, r.period, TOP));
      const counter = new KeywordCounter();
      for (let after = 0; ; ) {
        const page = await run(q.titles(r.base, r.period, after, TITLE_PAGE));
        for (const t of page) counter.add(String(t.title ?? ''));
        if (page.length < TITLE_PAGE) break;
        after = Number(page[page.length - 1].id);
      }
      return { filters: echo(r), tags: tags.map((t) => ({ tag: String(t.tag), tickets: Number(t.tickets) })), keywords: counter.top(TOP) };
    },

    /** The tickets a figure counted, a page at a time by id (the drill-down export streams them all). */
    async *tickets(r: Resolved, set: TicketSet): AsyncGenerator<any[]> {
      for (let after = 0; ; ) {
        const page = await run(q.ticketRows(reportNames(strapi), r.base, set, r.period, r.at, after, 1000));
        if (page.length) yield page;
        if (page.length < 1000) return;
        after = Number(page[page.length - 1].id);
      }
    },

  };
};

export type ReportsService = ReturnType<typeof createReportsService>;
export default createReportsService;
