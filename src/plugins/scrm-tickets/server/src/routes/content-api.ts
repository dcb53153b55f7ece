import { withRequestLimits } from '../http/route-limits';

// REST under /api/scrm-tickets. Handlers map to users-permissions actions
// (plugin::scrm-tickets.ticket.find, ...) so roles and API tokens are granted per action.
// Every route is request-limited per caller and class unless http/route-limits.ts says `none`.
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: {} });

export default {
  type: 'content-api',
  routes: withRequestLimits([
    route('GET', '/tickets', 'ticket.find'),
    route('POST', '/tickets', 'ticket.create'),
    // Order syncs and migrations: up to 1,000 tickets, one result each (services/ticket-batch.ts).
    route('POST', '/tickets/batch', 'ticket.batch'),
    route('GET', '/tickets/:id', 'ticket.findOne'),
    route('PUT', '/tickets/:id', 'ticket.update'),
    route('GET', '/tickets/:id/events', 'ticket.events'),
    route('POST', '/tickets/:id/comments', 'ticket.comment'),
    route('GET', '/tickets/:id/transitions', 'ticket.transitions'),
    route('POST', '/tickets/:id/transitions', 'ticket.transition'),
    route('POST', '/tickets/:id/approvals', 'ticket.approve'),
    route('POST', '/tickets/:id/rating', 'ticket.rate'),
    route('GET', '/ticket-templates', 'ticket-template.find'),
    route('GET', '/ticket-templates/:id', 'ticket-template.findOne'),
    route('POST', '/quotes', 'quote.create'),
    // Public: the source's signature authenticates it (services/intake.ts).
    { method: 'POST', path: '/intake/:sourceKey', handler: 'intake.receive', config: { auth: false } },
    route('GET', '/reports/sources', 'intake.sources'),
    route('GET', '/reports/summary', 'reports.summary'),
    route('GET', '/reports/breakdown', 'reports.breakdown'),
    route('GET', '/reports/trend', 'reports.trend'),
    route('GET', '/reports/keywords', 'reports.keywords'),
    route('GET', '/reports/export', 'reports.export'),
    { method: 'GET', path: '/wecom/callback', handler: 'wecom-callback.verify', config: { auth: false } },
    { method: 'POST', path: '/wecom/callback', handler: 'wecom-callback.receive', config: { auth: false } },
    // Public probes for load balancers (controllers/health.ts): states and counts, no data.
    { method: 'GET', path: '/health', handler: 'health.health', config: { auth: false } },
    { method: 'GET', path: '/ready', handler: 'health.ready', config: { auth: false } },
    // Public: the customer H5 pages' SMS sign-in, rate limited per mobile and IP (services/h5-auth.ts).
    { method: 'POST', path: '/h5/sms-code', handler: 'h5-auth.smsCode', config: { auth: false } },
    { method: 'POST', path: '/h5/login', handler: 'h5-auth.login', config: { auth: false } },
    // The WeCom member pages: WeCom's web authorization, then a member session checked by the
    // controller (services/workbench.ts) — not a users-permissions login.
    ...(
      [
        ['GET', '/workbench/session', 'signIn'],
        ['GET', '/workbench/tickets', 'tickets'],
        ['POST', '/workbench/tickets', 'create'],
        ['GET', '/workbench/templates', 'templates'],
        ['GET', '/workbench/jsapi', 'jsapi'],
        ['GET', '/workbench/contacts/:externalUserId', 'contact'],
        ['POST', '/workbench/contacts/:externalUserId/tickets', 'createForContact'],
      ] as const
    ).map(([method, path, action]) => ({ method, path, handler: `workbench.${action}`, config: { auth: false } })),
  ]),
};
