import { Archive, BulletList, ChartPie, Layout, PinMap } from '@strapi/icons';
import { CUSTOM_FIELDS, customFieldShape, PLUGIN_ID } from './pluginId';

/** Each editor: its custom field, where its messages are (translations/*.json) and its input. */
const EDITORS = [
  { name: CUSTOM_FIELDS.templateFields, messages: 'designer', title: 'Template fields', Input: async () => import('./components/designer/FieldDesigner') },
  { name: CUSTOM_FIELDS.workflow, messages: 'workflow', title: 'Workflow', Input: async () => import('./components/workflow/WorkflowEditor') },
  { name: CUSTOM_FIELDS.ruleConditions, messages: 'rules.conditions', title: 'Conditions', Input: async () => import('./components/rules/ConditionsEditor') },
  { name: CUSTOM_FIELDS.ruleActions, messages: 'rules.actions', title: 'Actions', Input: async () => import('./components/rules/ActionsEditor') },
  { name: CUSTOM_FIELDS.tierModel, messages: 'tier', title: 'Fee model', Input: async () => import('./components/tier/TierModelEditor') },
  { name: CUSTOM_FIELDS.businessHours, messages: 'sla.schedule', title: 'Business hours', Input: async () => import('./components/sla/BusinessHoursEditor') },
  { name: CUSTOM_FIELDS.businessMinutes, messages: 'sla.minutes', title: 'Target', Input: async () => import('./components/sla/BusinessMinutesInput') },
  { name: CUSTOM_FIELDS.escalations, messages: 'sla.escalations', title: 'Escalations', Input: async () => import('./components/sla/EscalationsEditor') },
  {
    name: CUSTOM_FIELDS.pauseStates,
    messages: 'sla.pauseStates',
    title: 'Clocks pause in',
    Input: async () => ({ default: (await import('./components/sla/ChoiceInputs')).PauseStatesInput }),
  },
  {
    name: CUSTOM_FIELDS.responseActions,
    messages: 'sla.responseActions',
    title: 'Counts as a response',
    Input: async () => ({ default: (await import('./components/sla/ChoiceInputs')).ResponseActionsInput }),
  },
  { name: CUSTOM_FIELDS.slaPin, messages: 'sla.pin', title: 'SLA', Input: async () => ({ default: (await import('./components/sla/ChoiceInputs')).SlaPinInput }) },
  { name: CUSTOM_FIELDS.approvalLevels, messages: 'approval', title: 'Approval levels', Input: async () => import('./components/approval/ApprovalLevelsEditor') },
];

// The plugin's admin: its translations (the Content Manager shows its types in both languages),
// the service team's ticket list and board, the dashboard (数据驾驶舱), the region tree (区域与系数)
// and the project libraries page. The list's, board's, dashboard's and regions' routes are the more
// specific ones, so react-router gives them `plugins/scrm-tickets/tickets`, `…/board`, `…/dashboard`
// and `…/regions` over the libraries page.
export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/tickets`,
      icon: BulletList,
      intlLabel: { id: `${PLUGIN_ID}.tickets.menu`, defaultMessage: 'Tickets' },
      Component: () => import('./pages/Tickets').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.ticket.read', subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/board`,
      icon: Layout,
      intlLabel: { id: `${PLUGIN_ID}.board.menu`, defaultMessage: 'Board' },
      Component: () => import('./pages/Board').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.ticket.read', subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/dashboard`,
      icon: ChartPie,
      intlLabel: { id: `${PLUGIN_ID}.dashboard.menu`, defaultMessage: 'Dashboard' },
      Component: () => import('./pages/Dashboard').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.report.read', subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/regions`,
      icon: PinMap,
      intlLabel: { id: `${PLUGIN_ID}.regions.menu`, defaultMessage: 'Regions' },
      Component: () => import('./pages/Regions').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.library.manage', subject: null }],
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Archive,
      intlLabel: { id: `${PLUGIN_ID}.libraries.menu`, defaultMessage: 'Project libraries' },
      Component: () => import('./pages/Libraries').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.library.manage', subject: null }],
    });
    // The low-code editors in the Content Manager's edit views (server/src/register.ts registers
    // the same names; the stored values stay plain JSON).
    for (const editor of EDITORS) {
      app.customFields.register({
        name: editor.name,
        pluginId: PLUGIN_ID,
        type: customFieldShape(editor.name).type,
        intlLabel: { id: `${PLUGIN_ID}.${editor.messages}.title`, defaultMessage: editor.title },
        intlDescription: { id: `${PLUGIN_ID}.${editor.messages}.description`, defaultMessage: editor.title },
        components: { Input: editor.Input },
      });
    }
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};

const prefixKeys = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
