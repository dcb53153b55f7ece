// REST under /api/scrm-tickets. Handlers map to users-permissions actions
// (plugin::scrm-tickets.ticket.find, ...) so roles and API tokens are granted per action.
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: {} });

export default {
  type: 'content-api',
  routes: [
    route('GET', '/tickets', 'ticket.find'),
    route('POST', '/tickets', 'ticket.create'),
    route('GET', '/tickets/:id', 'ticket.findOne'),
    route('PUT', '/tickets/:id', 'ticket.update'),
    route('GET', '/tickets/:id/events', 'ticket.events'),
    route('POST', '/tickets/:id/comments', 'ticket.comment'),
    route('GET', '/tickets/:id/transitions', 'ticket.transitions'),
    route('POST', '/tickets/:id/transitions', 'ticket.transition'),
    route('POST', '/tickets/:id/approvals', 'ticket.approve'),
    route('GET', '/ticket-templates', 'ticket-template.find'),
    route('GET', '/ticket-templates/:id', 'ticket-template.findOne'),
    route('POST', '/quotes', 'quote.create'),
    // Public: the source's signature authenticates it (services/intake.ts).
    { method: 'POST', path: '/intake/:sourceKey', handler: 'intake.receive', config: { auth: false } },
    route('GET', '/reports/sources', 'intake.sources'),
    { method: 'GET', path: '/wecom/callback', handler: 'wecom-callback.verify', config: { auth: false } },
    { method: 'POST', path: '/wecom/callback', handler: 'wecom-callback.receive', config: { auth: false } },
  ],
};
