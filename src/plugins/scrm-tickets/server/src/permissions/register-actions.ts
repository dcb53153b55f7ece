import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

// The plugin's admin RBAC actions, shown under Settings → Roles → Plugins. Super admins get every
// registered action; other roles are granted them by an administrator (or the seeded roles).
const actions = [
  { uid: 'ticket.read', displayName: 'Read tickets' },
  { uid: 'ticket.create', displayName: 'Create tickets' },
  { uid: 'ticket.update', displayName: 'Edit tickets, reply and write notes' },
  { uid: 'ticket.assign', displayName: 'Assign tickets' },
  { uid: 'ticket.export', displayName: 'Export ticket lists and reports' },
  { uid: 'ticket.transition', displayName: 'Move tickets along their workflow' },
  { uid: 'ticket.approve', displayName: 'Approve or reject tickets awaiting approval' },
  { uid: 'notification.retry', displayName: 'Send a dead notification again' },
  { uid: 'queues.read', displayName: 'See the job queues (ops view at /admin/queues)' },
  { uid: 'report.read', displayName: 'See the KPI and revenue dashboard (数据驾驶舱)' },
  { uid: 'settlement.settle', displayName: 'Draft, confirm and pay settlement statements' },
  { uid: 'library.manage', displayName: 'Configure: project libraries (templates, rules, SLA, tiers)' },
];

export const registerActions = async (strapi: Core.Strapi) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(actions.map((a) => ({ ...a, section: 'plugins', pluginName: PLUGIN_ID })));
};
