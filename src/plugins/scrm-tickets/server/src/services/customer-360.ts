import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, TICKET_UID } from '../constants';
import type { PluginConfig } from '../config';
import { validationError, type PathError } from '../utils/field-errors';
import { conflict } from '../utils/forbidden';
import { getService } from '../utils/get-service';
import { withStateLabels } from '../workflow/state-labels';

/** How many of each kind the panel lists; the counts say how many there are in all. */
const RECENT = 10;
const TICKET_FIELDS = ['number', 'title', 'state', 'priority', 'source', 'createdAt', 'resolvedAt', 'closedAt'];
const OPPORTUNITY_FIELDS = ['title', 'stage', 'expectedAmountFen', 'createdAt'];
const ORDER_FIELDS = ['number', 'amountFen', 'state', 'createdAt'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];

/**
 * The customer 360° panel of a ticket's detail page: who the customer is, their other tickets
 * (within the reader's regions: the document-service scope applies), orders, opportunities (商机)
 * and what WeCom knows of them; and an opportunity made from the ticket, as when a repair should
 * become a replacement sale. Everything goes through the document service, so the ticket's link
 * to the new opportunity is checked, versioned and audited like any other edit.
 */
const createCustomer360Service = ({ strapi }: { strapi: Core.Strapi }) => {
  const hosts = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

  /** Latest `RECENT` rows and the total count of a host type for one customer. */
  const recent = async (uid: string, customer: string, fields: string[], extra: Record<string, unknown> = {}) => {
    const filters = { customer: { documentId: customer }, ...extra };
    const docs = strapi.documents(uid as any);
    const [rows, total] = await Promise.all([
      docs.findMany({ filters, fields, sort: { createdAt: 'desc' }, limit: RECENT } as any),
      docs.count({ filters } as any),
    ]);
    return { rows: rows as any[], total };
  };

  /** The contact as WeCom has it now (name, corp, who follows them and their remarks); null when WeCom is not set up. */
  const wecomProfile = async (externalUserId: string | null) => {
    const client = externalUserId ? getService('wecom-api', { strapi }).client() : null;
    if (!client) return null;
    try {
      const answer = await client.get('/cgi-bin/externalcontact/get', { external_userid: externalUserId });
      const contact = answer.external_contact ?? {};
      return {
        available: true,
        name: contact.name ?? null,
        corpName: contact.corp_name ?? null,
        // 1 a WeChat user, 2 a WeCom user of another corp.
        type: contact.type ?? null,
        followers: (answer.follow_user ?? []).map((f: any) => ({
          userId: f.userid,
          remark: f.remark || null,
          description: f.description || null,
          addedAt: Number.isFinite(f.createtime) ? new Date(f.createtime * 1000).toISOString() : null,
          tags: (f.tags ?? []).map((t: any) => t.tag_name).filter(Boolean),
        })),
      };
    } catch (error) {
      // The panel still shows what we store; WeCom being away is a line in it, not a failed page.
      strapi.log.warn(`scrm-tickets: externalcontact/get for the 360 panel failed: ${(error as Error).message}`);
      return { available: false };
    }
  };

  const ticketOf = (documentId: string) =>
    strapi.documents(TICKET_UID as any).findOne({
      documentId,
      fields: ['version'],
      populate: {
        customer: { fields: ['name', 'mobile', 'email', 'address', 'vipLevel', 'tags', 'wecomExternalUserId', 'wecomOpenKfId', 'wecomKfLastMessageAt', 'createdAt'], populate: { region: { fields: ['code', 'name'] } } },
        order: { fields: ORDER_FIELDS },
        opportunity: { fields: OPPORTUNITY_FIELDS },
      },
    } as any) as Promise<any>;

  return {
    /** The panel of the ticket `documentId`, or null when the reader cannot see that ticket. */
    async forTicket(documentId: string) {
      const ticket = await ticketOf(documentId);
      if (!ticket) return null;
      const linked = { order: ticket.order ?? null, opportunity: ticket.opportunity ?? null };
      const customer = ticket.customer;
      if (!customer) return { customer: null, ...linked, tickets: null, orders: null, opportunities: null, wecom: null };
      const { orderUid, opportunityUid } = hosts();
      const [tickets, orders, opportunities, profile] = await Promise.all([
        recent(TICKET_UID, customer.documentId, TICKET_FIELDS, { documentId: { $ne: documentId } }),
        recent(orderUid, customer.documentId, ORDER_FIELDS),
        recent(opportunityUid, customer.documentId, OPPORTUNITY_FIELDS),
        wecomProfile(customer.wecomExternalUserId ?? null),
      ]);
      return {
        customer: {
          documentId: customer.documentId,
          name: customer.name,
          mobile: customer.mobile ?? null,
          email: customer.email ?? null,
          address: customer.address ?? null,
          vipLevel: customer.vipLevel ?? 0,
          tags: Array.isArray(customer.tags) ? customer.tags : [],
          region: customer.region ? { code: customer.region.code, name: customer.region.name } : null,
          since: customer.createdAt,
        },
        ...linked,
        tickets: { total: tickets.total, recent: await withStateLabels(strapi, tickets.rows) },
        orders: { total: orders.total, recent: orders.rows },
        opportunities: { total: opportunities.total, recent: opportunities.rows },
        wecom: customer.wecomExternalUserId || customer.wecomOpenKfId
          ? { externalUserId: customer.wecomExternalUserId ?? null, kf: Boolean(customer.wecomOpenKfId), lastKfMessageAt: customer.wecomKfLastMessageAt ?? null, profile }
          : null,
      };
    },

    /**
     * `{ title, expectedAmountFen?, stage?, version }`: an opportunity for the ticket's customer,
     * owned by the staff member, and the ticket linked to it, in one transaction (a version
     * conflict leaves no orphan opportunity behind).
     */
    async createOpportunity(documentId: string, body: Record<string, unknown>, ownerId: number) {
      const { title, expectedAmountFen, stage = 'lead', version } = body;
      const problems: PathError[] = [];
      if (typeof title !== 'string' || !title.trim() || title.trim().length > 200) problems.push({ path: ['title'], message: 'must be 1 to 200 characters' });
      if (expectedAmountFen !== undefined && expectedAmountFen !== null && (!Number.isSafeInteger(expectedAmountFen) || (expectedAmountFen as number) < 0)) {
        problems.push({ path: ['expectedAmountFen'], message: 'must be a whole number of fen, 0 or more' });
      }
      if (!STAGES.includes(stage as string)) problems.push({ path: ['stage'], message: `must be one of ${STAGES.join(', ')}` });
      if (!Number.isSafeInteger(version)) problems.push({ path: ['version'], message: 'must be the version of the ticket you are looking at' });
      if (problems.length) throw validationError(problems);

      const ticket = await ticketOf(documentId);
      if (!ticket) return null;
      if (!ticket.customer) throw validationError([{ path: ['customer'], message: 'the ticket has no customer to sell to: link one first' }]);
      if (ticket.opportunity) throw conflict(`The ticket is already linked to the opportunity “${ticket.opportunity.title}”`);
      return strapi.db.transaction(async () => {
        const opportunity: any = await strapi.documents(hosts().opportunityUid as any).create({
          data: { title: (title as string).trim(), stage, expectedAmountFen: expectedAmountFen ?? null, owner: ownerId, customer: ticket.customer.documentId },
          fields: OPPORTUNITY_FIELDS,
        } as any);
        const updated: any = await strapi.documents(TICKET_UID as any).update({ documentId, data: { opportunity: opportunity.documentId, version } } as any);
        return { opportunity, ticket: { documentId, version: updated.version } };
      });
    },
  };
};

export type Customer360Service = ReturnType<typeof createCustomer360Service>;
export default createCustomer360Service;
