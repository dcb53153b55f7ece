import type { Core } from '@strapi/strapi';
import { AGENT_UID, REGION_UID, SOURCES, TEMPLATE_UID, TICKET_UID } from '../constants';
import { validationError, type PathError } from '../utils/field-errors';
import { stateOf, workflowOf, mayTake } from '../workflow/transitions';
import { AWAITING_APPROVAL } from '../workflow/types';
import { DEFAULT_WORKFLOW } from '../workflow/default-workflow';
import { getService } from '../utils/get-service';
import { countedFilter } from '../reports/drilldown';

const DEFAULT_PAGE = 25;
const MAX_PAGE = 100;
/** Counting stops here: "10000+" is as useful as the exact figure and stays fast at a million rows. */
const COUNT_CAP = 10_000;
const DUE_SOON_MS = 3_600_000;
/** 待我审批 reads the pending tickets in scope and keeps those whose current level is the reader's. */
const APPROVALS_READ = 1000;

const VIEWS = ['all', 'mine', 'due_soon', 'my_approvals'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const SORTS = { 'createdAt:desc': ['createdAt', 'desc'], 'createdAt:asc': ['createdAt', 'asc'], 'resolutionDueAt:asc': ['resolutionDueAt', 'asc'] } as const;
type SortKey = keyof typeof SORTS;

const FIELDS = ['number', 'title', 'version', 'state', 'priority', 'source', 'team', 'createdAt', 'resolutionDueAt', 'resolvedAt', 'closedAt', 'approvalState', 'approval'];
const POPULATE = {
  template: { fields: ['key', 'name', 'workflow'] },
  region: { fields: ['code', 'name'] },
  assignee: { fields: ['firstname', 'lastname', 'username'] },
  customer: { fields: ['name', 'mobile'] },
};

/** Where the next page starts: the last row's sort value and id (keyset pagination). */
interface Cursor {
  v: string | null;
  id: number;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(text: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Number.isSafeInteger(c?.id) && (c.v === null || typeof c.v === 'string') ? c : null;
  } catch {
    return null;
  }
}

const one = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const and = (...parts: (Record<string, unknown> | null | undefined)[]) => {
  const kept = parts.filter(Boolean) as Record<string, unknown>[];
  return kept.length === 0 ? {} : kept.length === 1 ? kept[0] : { $and: kept };
};
const open = { closedAt: { $null: true }, resolvedAt: { $null: true } };

/**
 * The service team's ticket list (admin): saved views, filters, search and keyset pagination
 * through the document service — so the region scope and every other read rule apply — with the
 * count capped at 10,000. Rows carry what the list shows: state label, template, region, assignee,
 * customer and the resolution SLA's risk.
 */
const createTicketListService = ({ strapi }: { strapi: Core.Strapi }) => {
  // The region tree is cached by the staff scope (services/staff-scope.ts): one read per change.
  async function regionFilter(code: string): Promise<Record<string, unknown> | PathError> {
    const ids = await getService('staff-scope', { strapi }).subtree(code);
    return ids ? { region: { id: { $in: ids } } } : { path: ['region'], message: 'names no region' };
  }

  /** The query string as document-service filters (400 naming each bad parameter). */
  async function filtersOf(query: Record<string, unknown>, userId: number, now: number) {
    const problems: PathError[] = [];
    const parts: Record<string, unknown>[] = [];
    const view = (one(query.view) ?? 'all') as (typeof VIEWS)[number];
    if (!VIEWS.includes(view)) problems.push({ path: ['view'], message: `must be one of ${VIEWS.join(', ')}` });
    if (view === 'mine') parts.push({ assignee: { id: userId }, closedAt: { $null: true } });
    if (view === 'due_soon') parts.push({ ...open, resolutionDueAt: { $lt: new Date(now + DUE_SOON_MS).toISOString() } });
    if (view === 'my_approvals') parts.push({ approvalState: 'pending', state: AWAITING_APPROVAL });

    const states = one(query.state)?.split(',').map((s) => s.trim()).filter(Boolean);
    if (states?.length) parts.push({ state: { $in: states } });
    const priority = one(query.priority);
    if (priority && !PRIORITIES.includes(priority)) problems.push({ path: ['priority'], message: `must be one of ${PRIORITIES.join(', ')}` });
    else if (priority) parts.push({ priority });
    const template = one(query.template);
    if (template) parts.push({ template: { key: template } });
    const source = one(query.source);
    if (source) parts.push({ source });
    const team = one(query.team);
    if (team) parts.push({ team });
    const region = one(query.region);
    if (region) {
      const filter = await regionFilter(region);
      if ('path' in filter) problems.push(filter as PathError);
      else parts.push(filter);
    }
    const assignee = one(query.assignee);
    if (assignee === 'me') parts.push({ assignee: { id: userId } });
    else if (assignee === 'none') parts.push({ assignee: { id: { $null: true } } });
    // At most 9 digits: an id Postgres' integer column holds (a longer one was a database error, a 500).
    else if (assignee && /^\d{1,9}$/.test(assignee)) parts.push({ assignee: { id: Number(assignee) } });
    else if (assignee) problems.push({ path: ['assignee'], message: 'must be me, none or an admin user id' });
    const sla = one(query.sla);
    if (sla === 'breached') parts.push({ ...open, resolutionDueAt: { $lt: new Date(now).toISOString() } });
    else if (sla === 'due_soon') parts.push({ ...open, resolutionDueAt: { $gte: new Date(now).toISOString(), $lt: new Date(now + DUE_SOON_MS).toISOString() } });
    else if (sla) problems.push({ path: ['sla'], message: 'must be breached or due_soon' });
    // The dashboard's drill-down: the tickets a figure counted (reports/drilldown.ts).
    const counted = countedFilter(query, new Date(now));
    problems.push(...counted.problems);
    if (counted.filter) parts.push(counted.filter);
    const q = one(query.q);
    if (q && q.length > 100) problems.push({ path: ['q'], message: 'must be at most 100 characters' });
    else if (q) {
      const searches: Record<string, unknown>[] = [{ number: { $startsWith: q.toUpperCase() } }, { title: { $containsi: q } }, { customer: { name: { $containsi: q } } }];
      if (/^1\d{10}$/.test(q)) searches.push({ customer: { mobile: q } });
      parts.push({ $or: searches });
    }
    const sort = (one(query.sort) ?? 'createdAt:desc') as SortKey;
    if (!(sort in SORTS)) problems.push({ path: ['sort'], message: `must be one of ${Object.keys(SORTS).join(', ')}` });
    const pageSize = query.pageSize === undefined ? DEFAULT_PAGE : Number(query.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) problems.push({ path: ['pageSize'], message: `must be a whole number from 1 to ${MAX_PAGE}` });
    const cursorText = one(query.cursor);
    const cursor = cursorText ? decodeCursor(cursorText) : null;
    if (cursorText && !cursor) problems.push({ path: ['cursor'], message: 'must be the nextCursor of an earlier answer' });
    if (problems.length) throw validationError(problems);
    return { view, filters: and(...parts), sort, pageSize, cursor };
  }

  /**
   * One page in the sort's order. Due-date order puts tickets without a due time last (the same
   * on Postgres and SQLite, whose NULL orders differ): the dated ones first, then the rest by id.
   */
  async function page(filters: Record<string, unknown>, sort: SortKey, pageSize: number, cursor: Cursor | null) {
    const [field, direction] = SORTS[sort];
    const tickets = strapi.documents(TICKET_UID as any);
    const read = (where: Record<string, unknown>, order: Record<string, string>[], limit: number) =>
      tickets.findMany({ filters: and(filters, where), sort: order, limit, fields: FIELDS, populate: POPULATE } as any) as Promise<any[]>;
    const cmp = direction === 'desc' ? '$lt' : '$gt';
    const after = (c: Cursor) => ({ $or: [{ [field]: { [cmp]: c.v } }, { [field]: c.v, id: { [cmp]: c.id } }] });
    if (field === 'createdAt') return read(cursor ? after(cursor) : {}, [{ createdAt: direction }, { id: direction }], pageSize + 1);
    const rows = cursor?.v === null ? [] : await read({ [field]: { $notNull: true }, ...(cursor ? after(cursor) : {}) }, [{ [field]: 'asc' }, { id: 'asc' }], pageSize + 1);
    if (rows.length > pageSize) return rows;
    const undated = await read({ [field]: { $null: true }, ...(cursor?.v === null ? { id: { $gt: cursor.id } } : {}) }, [{ id: 'asc' }], pageSize + 1 - rows.length);
    return [...rows, ...undated];
  }

  function rowOf(t: any, now: number) {
    const due = t.resolutionDueAt ? new Date(t.resolutionDueAt).getTime() : null;
    const live = !t.closedAt && !t.resolvedAt && due !== null;
    const { workflow: _w, ...template } = t.template ?? {};
    return {
      documentId: t.documentId, number: t.number, title: t.title, version: t.version, state: t.state,
      stateLabel: stateOf(workflowOf(t.template), t.state)?.label ?? null,
      priority: t.priority, source: t.source, team: t.team ?? null,
      template: t.template ? { key: template.key, name: template.name } : null,
      region: t.region ? { code: t.region.code, name: t.region.name } : null,
      assignee: t.assignee ? { id: t.assignee.id, name: [t.assignee.firstname, t.assignee.lastname].filter(Boolean).join(' ') || t.assignee.username || `#${t.assignee.id}` } : null,
      customer: t.customer ? { name: t.customer.name, mobile: t.customer.mobile ?? null } : null,
      createdAt: t.createdAt, resolutionDueAt: t.resolutionDueAt ?? null, closedAt: t.closedAt ?? null, approvalState: t.approvalState,
      slaRisk: live && due! < now ? 'breached' : live && due! < now + DUE_SOON_MS ? 'due_soon' : null,
    };
  }

  return {
    async list(query: Record<string, unknown>, userId: number, now = Date.now()) {
      const { view, filters, sort, pageSize, cursor } = await filtersOf(query, userId, now);
      const tickets = strapi.documents(TICKET_UID as any);
      if (view === 'my_approvals') {
        // The level's roles live in the ticket's approval (JSON): checked here, as the approval itself checks them.
        const actor = getService('workflow', { strapi }).actor();
        const pending: any[] = await tickets.findMany({ filters, sort: [{ createdAt: 'asc' }], limit: APPROVALS_READ, fields: FIELDS, populate: POPULATE } as any);
        const mine = pending.filter((t) => {
          const level = t.approval?.levels?.[t.approval.current];
          return level && mayTake({ from: AWAITING_APPROVAL, to: t.approval.to, roles: level.roles }, actor);
        });
        return { data: mine.map((t) => rowOf(t, now)), meta: { nextCursor: null, total: mine.length, totalCapped: false } };
      }
      const [rows, counted] = await Promise.all([
        page(filters, sort, pageSize, cursor),
        tickets.findMany({ filters, fields: ['id'], limit: COUNT_CAP + 1 } as any) as Promise<any[]>,
      ]);
      const shown = rows.slice(0, pageSize);
      const last = shown[shown.length - 1];
      const field = SORTS[sort][0];
      const nextCursor = rows.length > pageSize && last ? encodeCursor({ v: last[field] ? new Date(last[field]).toISOString() : null, id: last.id }) : null;
      return { data: shown.map((t) => rowOf(t, now)), meta: { nextCursor, total: Math.min(counted.length, COUNT_CAP), totalCapped: counted.length > COUNT_CAP } };
    },

    /** A template's workflow as the board draws it (its own, or the default one). */
    async workflow(key: string) {
      const template: any = await strapi.db.query(TEMPLATE_UID as any).findOne({ where: { key }, select: ['key', 'name', 'workflow'] });
      if (!template) return null;
      const wf = workflowOf(template);
      return {
        key: template.key,
        name: template.name,
        initial: wf.initial,
        final: wf.final,
        states: wf.states.map(({ key: state, label }) => ({ key: state, label })),
        transitions: wf.transitions.map((t) => ({ from: Array.isArray(t.from) ? t.from : [t.from], to: t.to, roles: t.roles ?? ['*'], approval: t.approval ?? null })),
      };
    },

    /** The options of the list's filters. */
    async facets() {
      const [templates, regions, agents] = await Promise.all([
        strapi.db.query(TEMPLATE_UID as any).findMany({ where: { enabled: true }, select: ['key', 'name', 'workflow'], orderBy: { name: 'asc' } }) as Promise<any[]>,
        strapi.db.query(REGION_UID as any).findMany({ select: ['code', 'name', 'level'], orderBy: { code: 'asc' } }) as Promise<any[]>,
        strapi.db.query(AGENT_UID as any).findMany({ select: ['name'], populate: { user: { select: ['id'] } }, orderBy: { name: 'asc' } }) as Promise<any[]>,
      ]);
      const states = new Map<string, unknown>();
      for (const wf of [DEFAULT_WORKFLOW, ...templates.map((t) => workflowOf(t))]) for (const s of wf.states) if (!states.has(s.key)) states.set(s.key, s.label);
      return {
        states: [...states].map(([key, label]) => ({ key, label })),
        templates: templates.map((t) => ({ key: t.key, name: t.name })),
        regions,
        sources: SOURCES,
        assignees: agents.filter((a) => a.user).map((a) => ({ id: a.user.id, name: a.name })),
      };
    },
  };
};

export type TicketListService = ReturnType<typeof createTicketListService>;
export default createTicketListService;
