import { forbidden } from '../utils/forbidden';
import type { Core } from '@strapi/strapi';
import createHttpError from 'http-errors';
import { AUDITED_ATTRIBUTES, AUDITED_RELATIONS, EVENT_TYPES, SYSTEM_ATTRIBUTES, TICKET_UID } from '../constants';
import { getService } from '../utils/get-service';
import { createdChanges, diffAttributes, diffFields } from '../utils/changes';
import { isUniqueViolation } from '../utils/db-errors';
import { validationError } from '../utils/field-errors';
import type { Facts } from '../rules/facts';
import type { KnownTicket } from '../services/ticket-facts';
import type { Strategy } from '../assignment/types';
import { isApprovalDecision } from '../utils/approval-context';
import { currentActor } from '../utils/actor';
import { AWAITING_APPROVAL, workflowOf } from '../workflow';
import { checkIdempotencyKey, checkReportedAt, checkState, checkVersion } from './ticket-input';
import type { DocumentContext, DocumentMiddleware, Next } from './types';

/**
 * The one path of every ticket write (REST, GraphQL, Content Manager, scripts): validate the
 * template fields, number, stamp the version, then write the ticket and its events in one
 * transaction. Registered with strapi.documents.use() in register().
 */
export const ticketWrites =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== TICKET_UID) return next();
    switch (ctx.action) {
      case 'create':
        return createTicket(strapi, ctx, next);
      case 'update':
        return updateTicket(strapi, ctx, next);
      case 'delete':
      case 'clone':
        throw forbidden('Tickets are never deleted or cloned: cancel the ticket instead');
      default:
        return next();
    }
  };

const findByIdempotencyKey = (strapi: Core.Strapi, key: string, params: Record<string, unknown>) =>
  strapi.documents(TICKET_UID as any).findFirst({
    filters: { idempotencyKey: key },
    populate: params.populate,
    fields: params.fields,
  } as any);

async function createTicket(strapi: Core.Strapi, ctx: DocumentContext, next: Next) {
  const data: Record<string, any> = { ...(ctx.params.data ?? {}) };
  const key = checkIdempotencyKey(data.idempotencyKey);
  if (key) {
    const existing = await findByIdempotencyKey(strapi, key, ctx.params);
    if (existing) return existing;
  }

  const template = await getService('templates', { strapi }).resolveForCreate(data);
  const fields = getService('fields', { strapi }).validate(template, data.fields, { mode: 'create' });
  const reportedAt = checkReportedAt(data.reportedAt);

  delete data.templateKey;
  for (const attribute of SYSTEM_ATTRIBUTES) delete data[attribute];
  Object.assign(data, {
    // By row id: the template is already loaded, so Strapi need not look its documentId up again.
    template: { connect: [{ id: template.id }] },
    fields,
    state: workflowOf(template).initial,
    priority: data.priority ?? template.defaultPriority ?? 'normal',
    reportedAt,
    version: 1,
    idempotencyKey: key,
    number: await getService('numbering', { strapi }).next(),
  });
  ctx.params.data = data;

  try {
    return await strapi.db.transaction(async () => {
      const ticket = await next();
      const changes = createdChanges(ticket, ['state', ...AUDITED_ATTRIBUTES]);
      await getService('events', { strapi }).record(ticket, { type: EVENT_TYPES.created, changes });
      // Rules, assignment and the SLA read the same facts: read them once, only if one needs them,
      // from the row in hand plus the relations this create set.
      const given = ['customer', 'region', 'order'].filter((r) => data[r] !== undefined && data[r] !== null) as KnownTicket['relations'];
      const known: KnownTicket = { row: ticket, template, relations: given };
      let facts: Promise<Facts> | null = null;
      const factsOnce = () => (facts ??= getService('ticket-facts', { strapi }).forTicket(ticket.id, new Date(), known));
      const givenAssignee = 'assignee' in data;
      const { patch, assignStrategy } = await getService('routing', { strapi }).route(
        ticket,
        factsOnce,
        givenAssignee ? undefined : { ...ticket, assignee: null }
      );
      // The assignee is a relation: the caller populates it if it wants it, as for any ticket.
      const { assignee: ruleAssignee, ...routed } = patch;
      const routedFacts = async () => ({ ...(await factsOnce()), ...routed });
      await assignNew(strapi, ticket, {
        ruleAssignee: ruleAssignee as number | undefined,
        given: givenAssignee,
        strategy: assignStrategy,
        facts: routedFacts,
        team: (routed.team as string | undefined) ?? ticket.team ?? null,
      });
      const clocks = await getService('sla', { strapi }).refresh(ticket.id, {
        facts: routedFacts,
        row: { ...ticket, ...routed, template },
      });
      return { ...ticket, ...routed, ...clocks };
    });
  } catch (error) {
    // Racing retries: the unique index lets one insert win; the others answer with its ticket.
    if (key && isUniqueViolation(error, 'idempotency_key')) {
      const winner = await findByIdempotencyKey(strapi, key, ctx.params);
      if (winner) return winner;
      // The key belongs to a ticket this caller may not see: refuse rather than reveal it.
      throw createHttpError(409, 'This idempotency key was already used for another request', {
        name: 'ConflictError',
      });
    }
    throw error;
  }
}

/** Content API callers (REST and GraphQL) must say which version they read; admin and scripts may not. */
const versionRequired = (strapi: Core.Strapi) => {
  const request = strapi.requestContext.get() as any;
  return request?.state?.route?.info?.type === 'content-api';
};

/** The audited relations of a ticket row, as documentIds (null when unset). */
const relationIds = async (strapi: Core.Strapi, id: number): Promise<Record<string, string | null>> => {
  const populate = Object.fromEntries(AUDITED_RELATIONS.map((r) => [r, { select: ['documentId'] }]));
  const row: any = await strapi.db.query(TICKET_UID as any).findOne({ where: { id }, select: ['id'], populate });
  return Object.fromEntries(AUDITED_RELATIONS.map((r) => [r, row?.[r]?.documentId ?? null]));
};

async function updateTicket(strapi: Core.Strapi, ctx: DocumentContext, next: Next) {
  const { documentId } = ctx.params;
  const existing: any = await strapi
    .documents(TICKET_UID as any)
    .findOne({ documentId, populate: { template: true } } as any);
  if (!existing) return null;
  const touchesRelations = AUDITED_RELATIONS.some((r) => r in (ctx.params.data ?? {}));

  const data: Record<string, any> = { ...(ctx.params.data ?? {}) };
  if (data.version === undefined && versionRequired(strapi)) {
    throw validationError([{ path: ['version'], message: 'is required: send the version you read' }]);
  }
  const expected = data.version === undefined ? existing.version : checkVersion(data.version);
  // Only an approval decision (services/approvals.ts) writes the approval attributes.
  const deciding = isApprovalDecision();
  const decided = deciding ? { approval: data.approval, approvalState: data.approvalState } : {};
  for (const attribute of SYSTEM_ATTRIBUTES) delete data[attribute];
  for (const [key, value] of Object.entries(decided)) if (value !== undefined) data[key] = value;

  if ('template' in data) {
    const templates = getService('templates', { strapi });
    const target = templates.relationDocumentId(data.template);
    if (target && target !== existing.template?.documentId) {
      throw validationError([{ path: ['template'], message: 'cannot change once a ticket exists' }]);
    }
    delete data.template;
  }
  if ('fields' in data) {
    const template = existing.template ?? { id: 0, fieldDefinitions: [] };
    data.fields = getService('fields', { strapi }).validate(template, data.fields, {
      existing: existing.fields,
      mode: 'update',
    });
  }
  if ('reportedAt' in data) data.reportedAt = checkReportedAt(data.reportedAt);
  const workflow = getService('workflow', { strapi });
  if ('checklist' in data) workflow.checkChecklist(existing.template, data.checklist);
  if ('state' in data) {
    data.state = checkState(data.state);
    // Every state change, from any path, is a workflow transition: legal, allowed, checklist done.
    if (data.state !== existing.state) Object.assign(data, await workflow.checkStateChange(existing, data.state, data, { deciding }));
  }

  return strapi.db.transaction(async () => {
    // Optimistic lock as one compare-and-swap: of two writers holding the same version, one wins.
    const { count } = await strapi.db
      .query(TICKET_UID as any)
      .updateMany({ where: { documentId, version: expected }, data: { version: expected + 1 } });
    if (count !== 1) {
      throw createHttpError(409, 'The ticket was changed by someone else: reload it and retry', {
        name: 'ConflictError',
        details: { currentVersion: existing.version, yourVersion: expected },
      });
    }
    const relationsBefore = touchesRelations ? await relationIds(strapi, existing.id) : {};
    const tracksLoad = 'assignee' in data || 'state' in data;
    const assigneeBefore = tracksLoad ? await assigneeIdOf(strapi, existing.id) : null;
    ctx.params.data = { ...data, version: expected + 1 };
    const ticket = await next();
    const relationsAfter = touchesRelations ? await relationIds(strapi, ticket.id) : {};
    await recordUpdateEvents(strapi, { ...existing, ...relationsBefore }, { ...ticket, ...relationsAfter }, Object.keys(relationsBefore));
    if (tracksLoad) {
      const assigneeAfter = 'assignee' in data ? await assigneeIdOf(strapi, ticket.id) : assigneeBefore;
      await getService('assignment', { strapi }).afterUpdate(
        existing.template,
        { state: existing.state, assignee: assigneeBefore },
        { state: ticket.state, assignee: assigneeAfter }
      );
    }
    const clocks = await updateClocks(strapi, existing, ticket, data);
    return { ...ticket, ...clocks };
  });
}

async function recordUpdateEvents(strapi: Core.Strapi, before: any, after: any, relations: string[]) {
  const events = getService('events', { strapi });
  const stateChange = diffAttributes(before, after, ['state']);
  if (Object.keys(stateChange).length > 0) {
    await events.record(after, { type: EVENT_TYPES.stateChanged, changes: stateChange });
  }
  if (after.state === AWAITING_APPROVAL && before.state !== AWAITING_APPROVAL && after.approval) {
    const { policy, to, levels } = after.approval;
    const requested = { policy, to, levels: levels.map((l: { key: string }) => l.key) };
    await events.record(after, { type: EVENT_TYPES.approval, changes: { requested } });
  }
  const changes = {
    ...diffAttributes(before, after, [...AUDITED_ATTRIBUTES, ...relations]),
    ...diffFields(before.fields, after.fields),
  };
  if (Object.keys(changes).length > 0) {
    await events.record(after, { type: EVENT_TYPES.fieldChanged, changes });
  }
}

const instant = (v: unknown) => (v ? new Date(v as string).getTime() : null);
/** What the SLA policy is matched on (rules/facts.ts), besides the state. */
const MATCHED_ON = ['priority', 'fields', 'tags', 'customer', 'region', 'order', 'compensationFen', 'amountFen'];

/**
 * What moves the SLA clocks: a state change (pause, resume, resolve, reopen), a new reportedAt or
 * resolution; what the policy is matched on may also change the policy itself.
 */
async function updateClocks(strapi: Core.Strapi, before: any, after: any, data: Record<string, unknown>) {
  const sla = getService('sla', { strapi });
  const moved = before.state !== after.state;
  // A staff move may be the first response (if the policy counts transitions); later ones are not.
  if (moved && !after.firstRespondedAt && after.slaPolicyKey && currentActor(strapi).kind !== 'user') {
    await sla.onActivity(after.id, 'staff', 'transition');
  }
  const rematch = MATCHED_ON.some((key) => key in data);
  const relevant =
    rematch || moved || instant(before.reportedAt) !== instant(after.reportedAt) || instant(before.resolvedAt) !== instant(after.resolvedAt);
  return relevant ? sla.refresh(after.id, { rematch }) : {};
}

const assigneeIdOf = async (strapi: Core.Strapi, id: number): Promise<number | null> => {
  const row: any = await strapi.db.query(TICKET_UID as any).findOne({ where: { id }, select: ['id'], populate: { assignee: { select: ['id'] } } });
  return row?.assignee?.id ?? null;
};

/**
 * A new ticket's assignee: the one a rule or the caller named takes a slot of their capacity;
 * otherwise the team's strategy (or the rule's) picks one.
 */
async function assignNew(
  strapi: Core.Strapi,
  ticket: { id: number; documentId: string },
  opts: { ruleAssignee?: number; given: boolean; strategy?: Strategy; facts: () => Promise<Facts>; team: string | null }
) {
  const assignment = getService('assignment', { strapi });
  const named = opts.ruleAssignee ?? (opts.given ? await assigneeIdOf(strapi, ticket.id) : null);
  if (named) return assignment.adjustUser(named, 1);
  if (opts.team) await assignment.autoAssign(ticket, opts.facts, opts.strategy, { team: opts.team, assignee: null });
}
