import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EVENT_UID, TICKET_UID } from '../constants';
import { currentEndUserId } from '../utils/actor';
import { validationError } from '../utils/field-errors';
import { assertListQuery } from '../utils/query-shape';
import { getService } from '../utils/get-service';
import { batchItems, itemError, itemObject, summaryOf, type ItemResult } from '../intake/batch-items';
import { createInputShapes, valueBlindInputChecks } from '../intake/input-shapes';
import { withStateLabels } from '../workflow/state-labels';
import { workflowOf } from '../workflow/transitions';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ data: {...} }` or a 400 naming `data`. */
const bodyData = (ctx: any): Record<string, unknown> => {
  const data = ctx.request.body?.data;
  if (!isPlainObject(data)) throw validationError([{ path: ['data'], message: 'must be an object' }]);
  return data;
};

// Controllers only translate HTTP to document-service calls: validation, numbering, audit and
// customer scoping happen in the document-service middlewares, shared with GraphQL and the admin.
export default factories.createCoreController(TICKET_UID as any, ({ strapi }) => ({
  async create(ctx: any) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    // Not attributes a client may write, so they bypass Strapi's input validation and sanitising.
    const { templateKey, idempotencyKey, ...attributes } = bodyData(ctx);
    await this.validateInput(attributes, ctx);
    const input = await this.sanitizeInput(attributes, ctx);
    const ticket = await strapi.documents(TICKET_UID as any).create({
      ...(query as object),
      data: { ...(input as object), templateKey, idempotencyKey: ctx.get('idempotency-key') || idempotencyKey },
    } as any);
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(ticket, ctx));
  },

  /**
   * `{ data: [ticket, …] }` (1–1,000): each item checked as `create` checks one (Strapi's input
   * validation here, the rest in the batch service); answers 200 with one result per item —
   * created, existing (its idempotency key was used) or invalid (with its error) — in order.
   */
  async batch(ctx: any) {
    const items = batchItems(ctx.request.body);
    const inputs: { index: number; data: unknown }[] = [];
    const refused: ItemResult[] = [];
    const checkInput = createInputShapes(
      strapi.contentType(TICKET_UID as any).attributes as any,
      async (attributes) => {
        await this.validateInput(attributes, ctx);
        return (await this.sanitizeInput(attributes, ctx)) as Record<string, unknown>;
      },
      valueBlindInputChecks(strapi),
    );
    for (const [index, item] of items.entries()) {
      try {
        const { templateKey, idempotencyKey, ...attributes } = itemObject(item);
        const input = await checkInput(attributes);
        inputs.push({ index, data: { ...input, templateKey, idempotencyKey } });
      } catch (error) {
        refused.push({ index, status: 'invalid', error: itemError(error) });
      }
    }
    const written = inputs.length > 0 ? await getService('ticket-batch', { strapi }).create(inputs) : [];
    const results = [...refused, ...written].sort((a, b) => a.index - b.index);
    return { data: results, meta: summaryOf(results) };
  },

  async find(ctx: any) {
    assertListQuery(ctx.query, strapi.contentType(TICKET_UID as any).attributes);
    const response: any = await super.find(ctx);
    return { ...response, data: await withStateLabels(strapi, response.data ?? []) };
  },

  async findOne(ctx: any) {
    assertListQuery(ctx.query, strapi.contentType(TICKET_UID as any).attributes);
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const ticket = await strapi.documents(TICKET_UID as any).findOne({ ...query, documentId: ctx.params.id } as any);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const [labelled] = await withStateLabels(strapi, [(await this.sanitizeOutput(ticket, ctx)) as any]);
    return this.transformResponse(labelled);
  },

  async update(ctx: any) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const data = bodyData(ctx);
    await this.validateInput(data, ctx);
    const input = await this.sanitizeInput(data, ctx);
    const ticket = await strapi
      .documents(TICKET_UID as any)
      .update({ ...query, documentId: ctx.params.id, data: input } as any);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    return this.transformResponse(await this.sanitizeOutput(ticket, ctx));
  },

  /** A public reply or internal note (customers: public only), answered with the new event. */
  async comment(ctx: any) {
    const documentId = ctx.params.id;
    const ticket = await strapi.documents(TICKET_UID as any).findOne({ documentId, fields: ['id'] } as any);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const byCustomer = currentEndUserId(strapi) !== null;
    const event: any = await getService('comments', { strapi }).add(ticket as any, bodyData(ctx), { byCustomer });
    const [withFiles] = await strapi
      .documents(EVENT_UID as any)
      .findMany({ filters: { documentId: event.documentId }, populate: { attachments: true } } as any);
    ctx.status = 201;
    return { data: withFiles };
  },

  /** `{ to, version, comment? }`: moves the ticket along its workflow (400 / 403 / 409 when refused). */
  async transition(ctx: any) {
    const body = isPlainObject(ctx.request.body) ? ctx.request.body : {};
    const ticket = await getService('workflow', { strapi }).transition(ctx.params.id, body);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    return this.transformResponse(await this.sanitizeOutput(ticket, ctx));
  },

  /** The transitions the caller may take now, with the checklist items that still block them. */
  async transitions(ctx: any) {
    const list = await getService('workflow', { strapi }).available(ctx.params.id);
    if (!list) throw new errors.NotFoundError('Ticket not found');
    return { data: list };
  },

  /** `{ decision: 'approve' | 'reject', reason?, version }` on a ticket awaiting approval. */
  async approve(ctx: any) {
    const body = isPlainObject(ctx.request.body) ? ctx.request.body : {};
    const ticket = await getService('approvals', { strapi }).decide(ctx.params.id, body);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    return this.transformResponse(await this.sanitizeOutput(ticket, ctx));
  },

  /** `{ data: { csat: 1–5, comment? } }` on a resolved or closed ticket (409 before). */
  async rate(ctx: any) {
    const ticket = await getService('ratings', { strapi }).rate(ctx.params.id, bodyData(ctx));
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const [labelled] = await withStateLabels(strapi, [(await this.sanitizeOutput(ticket, ctx)) as any]);
    return this.transformResponse(labelled);
  },

  /**
   * The ticket's timeline; customers get its public events only. `meta.states` names the states
   * of its workflow, so a client can tell 新建 → 处理中 without reading the template.
   */
  async events(ctx: any) {
    const documentId = ctx.params.id;
    const ticket: any = await strapi.documents(TICKET_UID as any).findOne({ documentId, fields: ['id'], populate: { template: { fields: ['workflow'] } } } as any);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    const includeInternal = currentEndUserId(strapi) === null;
    const events = await getService('events', { strapi }).list(documentId, { includeInternal });
    const states = workflowOf(ticket.template).states.map(({ key, label }) => ({ key, label }));
    return { data: events, meta: { total: events.length, states } };
  },
}));
