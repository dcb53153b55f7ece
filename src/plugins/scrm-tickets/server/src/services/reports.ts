import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { SETTLEMENT_LINE_TABLE, TEMPLATE_UID, TICKET_UID } from '../constants';
import { validationError, type PathError } from '../utils/field-errors';
import { getService } from '../utils/get-service';
import { parseReportQuery, ZONE, type ReportQuery } from '../reports/filters';
import * as q from '../reports/sql';
import { assemble, type Figures } from '../reports/figures';
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
  base: q.Base;
  period: [Date, Date];
  /** The backlog is taken at the period's end, or now when that is still ahead. */
  at: Date;
  /** The regions the figures cover (null: all); region breakdowns group within them. */
  regionIds: number[] | null;
  template?: { id: number; key: string; workflow: unknown };
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
  const dialect = (): q.Dialect => (strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite');
  const link = (attribute: string) => {
    const join = (strapi.db.metadata.get(TICKET_UID as any).attributes as any)[attribute].joinTable;
    return { table: join.name, ticket: join.joinColumn.name, other: join.inverseJoinColumn.name };
  };
  const names = (): q.ReportNames => {
    const [template, region, assignee] = [link('template'), link('region'), link('assignee')];
    return {
      tickets: strapi.db.metadata.get(TICKET_UID as any).tableName,
      ticketTemplate: { table: template.table, ticket: template.ticket, template: template.other },
      ticketRegion: { table: region.table, ticket: region.ticket, region: region.other },
      ticketAssignee: { table: assignee.table, ticket: assignee.ticket, user: assignee.other },
      lines: SETTLEMENT_LINE_TABLE,
    };
  };
  const run = async (sql: q.Sql): Promise<any[]> => {
    const result = await strapi.db.connection.raw(sql.sql, sql.bindings as any);
    return dialect() === 'postgres' ? result.rows : result;
  };
  const ownParties = () => (strapi.config.get('plugin::scrm-tickets') as PluginConfig).reports?.ownParties ?? ['platform'];

  async function resolve(raw: Record<string, unknown>): Promise<Resolved> {
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
    const base = q.base(names(), { regionIds, templateId: template?.id, source: value.source, team: value.team, agent: value.agent });
    const now = new Date();
    return { query: value, base, period: [value.from, value.to], at: value.to < now ? value.to : now, regionIds, template };
  }

  /** Every figure per group of `grouping` (eight grouped queries, run side by side). */
  async function figuresBy(r: Resolved, grouping: Grouping, withBacklog: boolean): Promise<Map<string, Figures>> {
    const d = dialect();
    const n = names();
    const { group } = grouping;
    const from = DateTime.fromJSDate(r.period[0]).setZone(ZONE);
    const last = DateTime.fromJSDate(new Date(r.period[1].getTime() - 1)).setZone(ZONE);
    const months: [string, string] = [from.toFormat('yyyy-MM'), last.toFormat('yyyy-MM')];
    const [created, done, closed, cost, firstResponse, resolution, backlog, backlogAge] = await Promise.all([
      run(q.counts(r.base, 'created', group, r.period)),
      run(q.counts(r.base, 'done', group, r.period)),
      run(q.counts(r.base, 'closed', group, r.period)),
      run(q.cost(r.base, n, group, r.period, months, ownParties())),
      run(q.durations(d, r.base, 'firstResponse', group, r.period)),
      run(q.durations(d, r.base, 'resolution', group, r.period)),
      withBacklog ? run(q.backlog(r.base, group, r.at)) : undefined,
      withBacklog ? run(q.backlogAges(d, r.base, group, r.at)) : undefined,
    ]);
    return assemble({ created, done, closed, cost, firstResponse, resolution, backlog, backlogAge }, grouping.keys);
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

  const groupingOf = (r: Resolved, by: Breakdown | Interval) => groupings(strapi, { dialect: dialect(), names: names(), resolved: r })[by]();

  return {
    resolve,

    /** The period's figures in total, the source mix and the funnel of states. */
    async summary(raw: Record<string, unknown>) {
      const r = await resolve(raw);
      const total = (await figuresBy(r, { group: q.TOTAL, keys: ['all'], labels: async () => () => ({ key: null, label: '' }) }, true)).get('all')!;
      const [sources, states] = await Promise.all([
        run(q.counts(r.base, 'created', () => 't.source', r.period)),
        run(q.states(r.base, r.period)),
      ]);
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
    async breakdown(raw: Record<string, unknown>) {
      const by = oneOf(BREAKDOWNS, raw.by, 'by', 'source');
      const r = await resolve(raw);
      return { filters: echo(r), by, rows: await rowsOf(r, await groupingOf(r, by), true) };
    },

    /** The figures per day, week (from Monday) or month of the period, every bucket present. */
    async trend(raw: Record<string, unknown>) {
      const interval = oneOf(INTERVALS, raw.interval, 'interval', 'day');
      const r = await resolve(raw);
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
        const page = await run(q.ticketRows(names(), r.base, set, r.period, r.at, after, 1000));
        if (page.length) yield page;
        if (page.length < 1000) return;
        after = Number(page[page.length - 1].id);
      }
    },

  };
};

export type ReportsService = ReturnType<typeof createReportsService>;
export default createReportsService;
