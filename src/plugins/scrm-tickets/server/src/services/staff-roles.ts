import type { Core } from '@strapi/strapi';
import {
  AGENT_UID, APPROVAL_POLICY_UID, CURRENCY_RATE_UID, EVENT_UID, INTAKE_SOURCE_UID, LIBRARY_UID, MESSAGE_TEMPLATE_UID, NOTIFICATION_UID,
  PLUGIN_ID, PRICE_LIST_UID, REGION_UID, ROUTING_RULE_UID, SLA_POLICY_UID, STATEMENT_UID, TEAM_UID, TEMPLATE_UID, TICKET_UID, TIER_UID,
} from '../constants';
import type { PluginConfig } from '../config';

type CrudVerb = 'read' | 'create' | 'update' | 'delete';
const CRUD: CrudVerb[] = ['read', 'create', 'update', 'delete'];
const P = (uid: string) => `plugin::${PLUGIN_ID}.${uid}`;

interface StaffRole {
  code: string;
  name: string;
  description: string;
  /** The plugin's own actions (permissions/register-actions.ts). */
  actions: string[];
  /** Content Manager rights per content type. */
  contentTypes: (hosts: Hosts) => Record<string, CrudVerb[]>;
  /** Whether they attach files (photos, invoices) to replies: the Media Library's read and upload rights. */
  attaches: boolean;
}
const MEDIA_ACTIONS = ['plugin::upload.read', 'plugin::upload.assets.create'];
interface Hosts {
  customer: string;
  order: string;
  opportunity: string;
}

const CONFIG_TYPES = [TEMPLATE_UID, ROUTING_RULE_UID, SLA_POLICY_UID, APPROVAL_POLICY_UID, TIER_UID, PRICE_LIST_UID, CURRENCY_RATE_UID, REGION_UID, TEAM_UID, AGENT_UID, MESSAGE_TEMPLATE_UID, INTAKE_SOURCE_UID, LIBRARY_UID];

/**
 * The service team's roles, as a chain's service desk is staffed: agents work tickets, store
 * managers also assign and approve, regional managers oversee their regions and export, finance
 * settles, administrators configure everything. Agents and managers see only the tickets of the
 * regions on their agent profile (middlewares/staff-scope.ts).
 */
export const STAFF_ROLES: StaffRole[] = [
  {
    code: 'scrm-agent', name: '客服坐席', description: 'Service agent: works the tickets of their regions',
    actions: ['ticket.read', 'ticket.create', 'ticket.update', 'ticket.transition'],
    attaches: true,
    contentTypes: (h) => ({ [TICKET_UID]: ['read', 'create', 'update'], [EVENT_UID]: ['read'], [h.customer]: ['read', 'create', 'update'], [h.order]: ['read'], [h.opportunity]: ['read', 'create'] }),
  },
  {
    code: 'scrm-store-manager', name: '店长', description: 'Store manager: assigns and approves the tickets of their store',
    actions: ['ticket.read', 'ticket.create', 'ticket.update', 'ticket.assign', 'ticket.transition', 'ticket.approve', 'report.read'],
    attaches: true,
    contentTypes: (h) => ({ [TICKET_UID]: ['read', 'create', 'update'], [EVENT_UID]: ['read'], [h.customer]: ['read', 'create', 'update'], [h.order]: ['read'], [h.opportunity]: ['read', 'create', 'update'] }),
  },
  {
    code: 'scrm-regional-manager', name: '区域经理', description: 'Regional manager: oversees, approves and exports the tickets of their regions',
    actions: ['ticket.read', 'ticket.update', 'ticket.assign', 'ticket.transition', 'ticket.approve', 'ticket.export', 'report.read'],
    attaches: true,
    contentTypes: (h) => ({ [TICKET_UID]: ['read', 'update'], [EVENT_UID]: ['read'], [h.customer]: ['read'], [h.order]: ['read'], [h.opportunity]: ['read', 'update'], [NOTIFICATION_UID]: ['read'] }),
  },
  {
    code: 'scrm-finance', name: '财务', description: 'Finance: settles closed tickets and exports statements',
    actions: ['ticket.read', 'ticket.export', 'report.read', 'settlement.settle'],
    attaches: false,
    contentTypes: () => ({ [TICKET_UID]: ['read'], [STATEMENT_UID]: ['read'], [TIER_UID]: ['read'], [PRICE_LIST_UID]: ['read'], [CURRENCY_RATE_UID]: CRUD }),
  },
  {
    code: 'scrm-admin', name: '管理员', description: 'Administrator: configures templates, rules, SLAs, libraries and settlement; every ticket action',
    actions: ['ticket.read', 'ticket.create', 'ticket.update', 'ticket.assign', 'ticket.export', 'ticket.transition', 'ticket.approve', 'notification.retry', 'queues.read', 'report.read', 'settlement.settle', 'library.manage'],
    attaches: true,
    contentTypes: (h) => ({
      [TICKET_UID]: ['read', 'create', 'update'], [EVENT_UID]: ['read'], [NOTIFICATION_UID]: ['read'], [STATEMENT_UID]: ['read'],
      [h.customer]: CRUD, [h.order]: CRUD, [h.opportunity]: CRUD,
      ...Object.fromEntries(CONFIG_TYPES.map((uid) => [uid, CRUD])),
    }),
  },
];

const createStaffRolesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Makes the roles that are missing, with their rights. A role that exists is left as the
   * administrators have shaped it. Content Manager rights name every field, as Strapi's own
   * Editor role does. Runs from the app's bootstrap, after every plugin's: the Content Manager
   * registers its actions in its bootstrap, and Strapi makes Super Admin only while no role exists.
   */
  async ensure(): Promise<{ created: string[] }> {
    const roles = strapi.service('admin::role');
    const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    const hosts: Hosts = { customer: config.customerUid, order: config.orderUid, opportunity: config.opportunityUid };
    const created: string[] = [];
    for (const spec of STAFF_ROLES) {
      if (await strapi.db.query('admin::role').findOne({ where: { code: spec.code } })) continue;
      const role = await roles.create({ name: spec.name, code: spec.code, description: spec.description });
      const wanted = Object.entries(spec.contentTypes(hosts)).filter(([uid]) => strapi.contentType(uid as any));
      const ctActions = [...new Set(wanted.flatMap(([, verbs]) => verbs))].map((verb) => ({ actionId: `plugin::content-manager.explorer.${verb}`, subjects: wanted.filter(([, v]) => v.includes(verb)).map(([uid]) => uid) }));
      const contentPermissions = strapi
        .service('admin::content-type')
        .getPermissionsWithNestedFields(ctActions.map((a) => strapi.service('admin::permission').actionProvider.get(a.actionId)).filter(Boolean))
        .filter((p: any) => ctActions.find((a) => a.actionId === p.action)?.subjects.includes(p.subject));
      const pluginPermissions = [...spec.actions.map(P), ...(spec.attaches ? MEDIA_ACTIONS : [])].map((action) => ({ action, subject: null, conditions: [], properties: {} }));
      await roles.assignPermissions(role.id, [...contentPermissions, ...pluginPermissions]);
      created.push(spec.name);
    }
    return { created };
  },
});

export type StaffRolesService = ReturnType<typeof createStaffRolesService>;
export default createStaffRolesService;
