import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACTIONS } from '../constants';
import { getService } from '../utils/get-service';

/** What the reader's role lets them do on the detail page: the page offers only those controls (the routes check again). */
const DETAIL_RIGHTS = ['update', 'assign', 'transition', 'approve'] as const;

// The admin panel's ticket actions: the same services as the content API, answered unsanitised
// because admin routes are guarded by RBAC (routes/admin.ts), not by users-permissions.
const body = (ctx: any) =>
  typeof ctx.request.body === 'object' && ctx.request.body !== null && !Array.isArray(ctx.request.body) ? ctx.request.body : {};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The list: saved views, filters, search, keyset pages (services/ticket-list.ts). */
  async list(ctx: any) {
    ctx.body = await getService('ticket-list', { strapi }).list(ctx.query ?? {}, ctx.state.user.id);
  },

  async detail(ctx: any) {
    const detail = await getService('ticket-detail', { strapi }).get(ctx.params.id);
    if (!detail) throw new errors.NotFoundError('Ticket not found');
    const can = Object.fromEntries(DETAIL_RIGHTS.map((right) => [right, Boolean(ctx.state.userAbility?.can(ACTIONS[right]))]));
    ctx.body = { data: { ...detail, can } };
  },

  async update(ctx: any) {
    const ticket = await getService('ticket-detail', { strapi }).update(ctx.params.id, body(ctx));
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: ticket };
  },

  async assign(ctx: any) {
    const ticket = await getService('ticket-detail', { strapi }).assign(ctx.params.id, body(ctx));
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: ticket };
  },

  /** The customer 360° panel: the customer, their other tickets, orders, opportunities and WeCom contact. */
  async customer(ctx: any) {
    const panel = await getService('customer-360', { strapi }).forTicket(ctx.params.id);
    if (!panel) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: panel };
  },

  /** An opportunity (商机) for the ticket's customer, linked to the ticket. */
  async createOpportunity(ctx: any) {
    const made = await getService('customer-360', { strapi }).createOpportunity(ctx.params.id, body(ctx), ctx.state.user.id);
    if (!made) throw new errors.NotFoundError('Ticket not found');
    ctx.status = 201;
    ctx.body = { data: made };
  },

  /** A public reply or an internal note, as the staff member. */
  async comment(ctx: any) {
    const ticket = await strapi.documents('plugin::scrm-tickets.ticket' as any).findOne({ documentId: ctx.params.id, fields: ['id'] } as any);
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    ctx.status = 201;
    ctx.body = { data: await getService('comments', { strapi }).add(ticket as any, body(ctx), { byCustomer: false }) };
  },

  async workflow(ctx: any) {
    const workflow = await getService('ticket-list', { strapi }).workflow(ctx.params.key);
    if (!workflow) throw new errors.NotFoundError('No such template');
    ctx.body = { data: workflow };
  },

  async facets(ctx: any) {
    ctx.body = { data: await getService('ticket-list', { strapi }).facets() };
  },

  async transition(ctx: any) {
    const ticket = await getService('workflow', { strapi }).transition(ctx.params.id, body(ctx));
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: ticket };
  },

  async approve(ctx: any) {
    const ticket = await getService('approvals', { strapi }).decide(ctx.params.id, body(ctx));
    if (!ticket) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: ticket };
  },

  async transitions(ctx: any) {
    const list = await getService('workflow', { strapi }).available(ctx.params.id);
    if (!list) throw new errors.NotFoundError('Ticket not found');
    ctx.body = { data: list };
  },
});
