import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

// The plugin's admin RBAC actions, shown under Settings → Roles → Plugins. Super admins get every
// registered action; other roles are granted them by an administrator (or the seeded roles).
const actions = [
  { uid: 'ticket.read', displayName: 'Read tickets' },
  { uid: 'ticket.transition', displayName: 'Move tickets along their workflow' },
  { uid: 'ticket.approve', displayName: 'Approve or reject tickets awaiting approval' },
  { uid: 'notification.retry', displayName: 'Send a dead notification again' },
  { uid: 'queues.read', displayName: 'See the job queues (ops view at /admin/queues)' },
  { uid: 'settlement.settle', displayName: 'Draft, confirm and pay settlement statements' },
  { uid: 'library.manage', displayName: 'Preview, import and export project libraries' },
];

export const registerActions = async (strapi: Core.Strapi) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(actions.map((a) => ({ ...a, section: 'plugins', pluginName: PLUGIN_ID })));
};
