import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import createHttpError from 'http-errors';
import { DeliveryError } from '../notifications/types';
import { AGENT_UID, PLUGIN_ID, TEMPLATE_UID, TICKET_UID } from '../constants';
import type { PluginConfig } from '../config';
import { getService } from '../utils/get-service';
import { validationError } from '../utils/field-errors';
import { withStateLabels } from '../workflow/state-labels';
import { jsapiConfig } from '../wecom/jsapi';
import { SESSION_MS, signSession, verifySession } from '../wecom/member-session';
import { notificationsConfig } from './outbox';

const MOBILE = /^1[3-9]\d{9}$/;
/** The entries a member's page may name (the menu card's link says `wecom_menu`). */
const MEMBER_SOURCES = new Set(['workbench', 'wecom_menu']);
const TICKET_FIELDS = ['number', 'title', 'state', 'priority', 'source', 'createdAt', 'resolvedAt', 'closedAt', 'resolutionDueAt'];
const LIST_LIMIT = 50;

const unauthorized = () => new errors.UnauthorizedError('Sign in through WeCom again');
const BAD_CODE = new Set([40029]); // invalid or used web-authorization code
const NO_CONTACT = new Set([40096, 84061, 41035]);

/** WeCom's refusals as HTTP answers: a bad code 401, an unknown contact 404, other refusals 502, an outage 503. */
function upstream<T>(call: Promise<T>): Promise<T> {
  return call.catch((error) => {
    if (!(error instanceof DeliveryError)) throw error;
    const code = Number(error.code);
    if (BAD_CODE.has(code)) throw new errors.UnauthorizedError('WeCom did not accept the sign-in code: open the page from WeCom again');
    if (NO_CONTACT.has(code)) throw new errors.NotFoundError('WeCom knows no such external contact of ours');
    if (error.kind === 'permanent') throw createHttpError(502, error.message, { name: 'BadGatewayError', details: {} });
    throw createHttpError(503, 'WeCom is not answering: try again shortly', { name: 'ServiceUnavailableError', details: {} });
  });
}

/**
 * The member side of WeCom: the workbench page (工作台) and the chat sidebar (聊天工具栏).
 * WeCom's web authorization gives a code; `auth/getuserinfo` names the member; a member with an
 * agent profile gets a signed session for 8 hours. Their requests act as their admin user, so
 * tickets they file are theirs in the audit trail and go through the one write path.
 */
const createWorkbenchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const secret = () => (strapi.config.get('server.app.keys') as string[] | undefined)?.[0] ?? 'scrm-workbench';
  const client = () => {
    const c = getService('wecom-api', { strapi }).client();
    if (!c) throw new errors.ApplicationError('WeCom is not configured');
    return c;
  };

  const sessionOf = (ctx: any) => {
    const header = String(ctx.get?.('authorization') ?? '');
    return verifySession(secret(), header.startsWith('Member ') ? header.slice(7) : null);
  };

  const service = {
    /** The admin id of the member session a request carries, checked by its signature only (the request limits count per member). */
    memberOf(ctx: any): number | null {
      return sessionOf(ctx)?.adminId ?? null;
    },

    async signIn(code: unknown, now = Date.now()) {
      if (typeof code !== 'string' || !code || code.length > 512) throw validationError([{ path: ['code'], message: 'must be the code WeCom gave the page' }]);
      const who = await upstream(client().get('/cgi-bin/auth/getuserinfo', { code }));
      const wecomUserId = typeof who.userid === 'string' ? who.userid : typeof who.UserId === 'string' ? who.UserId : null;
      if (!wecomUserId) throw new errors.ForbiddenError('Only members of the company can use the workbench');
      const agent: any = await strapi.db.query(AGENT_UID as any).findOne({ where: { wecomUserId }, populate: { user: { select: ['id', 'isActive'] } } });
      if (!agent?.user?.isActive) throw new errors.ForbiddenError('This member has no active agent profile');
      const token = signSession(secret(), { adminId: agent.user.id, wecomUserId, exp: now + SESSION_MS });
      return { token, member: { name: agent.name, wecomUserId } };
    },

    /**
     * The member behind a session token, set as the request's admin actor (so events, workflow
     * roles and notifications see who it was); 401 when the token is missing, forged or old.
     */
    async authenticate(ctx: any) {
      const session = sessionOf(ctx);
      if (!session) throw unauthorized();
      const user: any = await strapi.db.query('admin::user' as any).findOne({ where: { id: session.adminId, isActive: true }, populate: { roles: true } });
      if (!user) throw unauthorized();
      ctx.state.auth = { strategy: { name: 'admin' }, credentials: user, authenticated: true };
      return { ...session, user };
    },

    /** The member's tickets: assigned to them, open ones first, newest first. */
    async tickets(adminId: number) {
      const rows: any[] = await strapi.documents(TICKET_UID as any).findMany({
        filters: { assignee: { id: adminId } },
        fields: TICKET_FIELDS,
        sort: [{ closedAt: 'desc' }, { createdAt: 'desc' }],
        limit: LIST_LIMIT,
      } as any);
      const open = rows.filter((t) => !t.closedAt);
      return withStateLabels(strapi, [...open, ...rows.filter((t) => t.closedAt)]);
    },

    async templates() {
      return strapi.db.query(TEMPLATE_UID as any).findMany({
        where: { enabled: true },
        select: ['key', 'name', 'description', 'category', 'fieldDefinitions'],
        orderBy: { name: 'asc' },
      });
    },

    /** A ticket filed on the member's page, as `workbench` or `wecom_menu`. */
    async create(data: Record<string, unknown>, fixed: { source?: string; customer?: string } = {}) {
      const source = fixed.source ?? data.source ?? 'workbench';
      if (!fixed.source && !MEMBER_SOURCES.has(source as string)) {
        throw validationError([{ path: ['source'], message: `must be one of ${[...MEMBER_SOURCES].join(', ')}` }]);
      }
      const { templateKey, title, fields, priority, idempotencyKey } = data;
      const ticket: any = await strapi.documents(TICKET_UID as any).create({
        data: { templateKey, title, fields, priority, idempotencyKey, ...fixed, source },
        fields: TICKET_FIELDS,
      } as any);
      const [labelled] = await withStateLabels(strapi, [ticket]);
      return labelled;
    },

    /** JS-SDK signatures for one of our pages (wx.config and wx.agentConfig). */
    async jsapi(url: unknown) {
      const base = new URL(notificationsConfig(strapi).publicUrl);
      let page: URL;
      try {
        page = new URL(String(url));
      } catch {
        throw validationError([{ path: ['url'], message: 'must be the page URL' }]);
      }
      if (page.origin !== base.origin) throw validationError([{ path: ['url'], message: `must be a page of ${base.origin}` }]);
      return upstream(jsapiConfig(client(), page.href));
    },

    /**
     * The external contact the sidebar is open on: our customer with that external userid, or one
     * made from `externalcontact/get` (name, and a mobile from a member's remark); with their
     * latest tickets and orders.
     */
    async contact(externalUserId: unknown) {
      if (typeof externalUserId !== 'string' || !/^[\w-]{1,64}$/.test(externalUserId)) {
        throw validationError([{ path: ['externalUserId'], message: 'must be a WeCom external userid' }]);
      }
      const { customerUid, orderUid } = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const customers = strapi.documents(customerUid as any);
      let customer: any = await customers.findFirst({ filters: { wecomExternalUserId: externalUserId } } as any);
      if (!customer) {
        const answer = await upstream(client().get('/cgi-bin/externalcontact/get', { external_userid: externalUserId }));
        const contact = answer.external_contact ?? {};
        const mobile = (answer.follow_user ?? []).flatMap((f: any) => f.remark_mobiles ?? []).find((m: unknown) => typeof m === 'string' && MOBILE.test(m));
        customer = (mobile && (await customers.findFirst({ filters: { mobile } } as any))) || null;
        customer = customer
          ? await customers.update({ documentId: customer.documentId, data: { wecomExternalUserId: externalUserId } } as any)
          : await customers.create({
              data: { name: String(contact.name || '企业微信客户').slice(0, 100), wecomExternalUserId: externalUserId, ...(mobile ? { mobile } : {}) },
            } as any);
      }
      const [tickets, orders] = await Promise.all([
        strapi.documents(TICKET_UID as any).findMany({ filters: { customer: { documentId: customer.documentId } }, fields: TICKET_FIELDS, sort: { createdAt: 'desc' }, limit: 20 } as any),
        strapi.documents(orderUid as any).findMany({ filters: { customer: { documentId: customer.documentId } }, sort: { createdAt: 'desc' }, limit: 20 } as any),
      ]);
      return {
        customer: { documentId: customer.documentId, name: customer.name, mobile: customer.mobile ?? null, vipLevel: customer.vipLevel ?? 0 },
        tickets: await withStateLabels(strapi, tickets as any[]),
        orders: (orders as any[]).map((o) => ({ documentId: o.documentId, number: o.number, amountFen: o.amountFen, state: o.state, createdAt: o.createdAt })),
      };
    },

    /** A ticket for the contact the sidebar is open on (`wecom_sidebar`). */
    async createForContact(externalUserId: unknown, data: Record<string, unknown>) {
      const { customer } = await service.contact(externalUserId);
      return service.create(data, { source: 'wecom_sidebar', customer: customer.documentId });
    },
  };
  return service;
};

export type WorkbenchService = ReturnType<typeof createWorkbenchService>;
export default createWorkbenchService;
