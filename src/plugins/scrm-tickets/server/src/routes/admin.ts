import { ACTIONS } from '../constants';

// Admin panel routes under /scrm-tickets: an authenticated admin holding the plugin action.
const guarded = (method: string, path: string, handler: string, action: string | string[]) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: Array.isArray(action) ? action : [action] } }],
  },
});

export default {
  type: 'admin',
  routes: [
    guarded('GET', '/tickets', 'admin-ticket.list', ACTIONS.read),
    guarded('GET', '/tickets/facets', 'admin-ticket.facets', ACTIONS.read),
    guarded('GET', '/templates/:key/workflow', 'admin-ticket.workflow', ACTIONS.read),
    guarded('GET', '/tickets/:id/detail', 'admin-ticket.detail', ACTIONS.read),
    guarded('PUT', '/tickets/:id', 'admin-ticket.update', ACTIONS.update),
    guarded('POST', '/tickets/:id/comments', 'admin-ticket.comment', ACTIONS.update),
    guarded('POST', '/tickets/:id/assign', 'admin-ticket.assign', ACTIONS.assign),
    guarded('GET', '/tickets/:id/customer', 'admin-ticket.customer', ACTIONS.read),
    guarded('POST', '/tickets/:id/opportunity', 'admin-ticket.createOpportunity', ACTIONS.update),
    guarded('GET', '/tickets/:id/transitions', 'admin-ticket.transitions', ACTIONS.read),
    guarded('POST', '/tickets/:id/transitions', 'admin-ticket.transition', ACTIONS.transition),
    guarded('POST', '/tickets/:id/approvals', 'admin-ticket.approve', ACTIONS.approve),
    guarded('POST', '/notifications/:id/retry', 'admin-notification.retry', ACTIONS.retryNotification),
    guarded('POST', '/settlement/drafts', 'admin-settlement.draft', ACTIONS.settle),
    guarded('GET', '/settlement/runs/:id', 'admin-settlement.run', ACTIONS.settle),
    guarded('POST', '/statements/:id/confirm', 'admin-settlement.confirm', ACTIONS.settle),
    guarded('POST', '/statements/:id/pay', 'admin-settlement.pay', ACTIONS.settle),
    guarded('GET', '/statements/:id/export', 'admin-settlement.export', ACTIONS.settle),
    guarded('POST', '/quotes', 'quote.create', ACTIONS.read),
    guarded('GET', '/pricing/calibration', 'quote.calibration', ACTIONS.settle),
    guarded('GET', '/regions', 'quote.regions', ACTIONS.configure),
    guarded('GET', '/reports/sources', 'intake.sources', ACTIONS.read),
    guarded('GET', '/reports/summary', 'reports.summary', ACTIONS.reports),
    guarded('GET', '/reports/breakdown', 'reports.breakdown', ACTIONS.reports),
    guarded('GET', '/reports/trend', 'reports.trend', ACTIONS.reports),
    guarded('GET', '/reports/keywords', 'reports.keywords', ACTIONS.reports),
    guarded('GET', '/reports/export', 'reports.export', [ACTIONS.reports, ACTIONS.export]),
    guarded('GET', '/libraries/presets', 'admin-library.presets', ACTIONS.configure),
    guarded('POST', '/libraries/preview', 'admin-library.preview', ACTIONS.configure),
    guarded('POST', '/libraries/import', 'admin-library.import', ACTIONS.configure),
    guarded('POST', '/libraries/export', 'admin-library.export', ACTIONS.configure),
    guarded('POST', '/rules/try', 'admin-rules.try', ACTIONS.configure),
  ],
};
