import { Archive, BulletList, ChartPie, Layout } from '@strapi/icons';
import { PLUGIN_ID, TEMPLATE_FIELDS } from './pluginId';

// The plugin's admin: its translations (the Content Manager shows its types in both languages),
// the service team's ticket list and board, the dashboard (数据驾驶舱), and the project libraries
// page. The list's, board's and dashboard's routes are the more specific ones, so react-router gives
// them `plugins/scrm-tickets/tickets`, `…/board` and `…/dashboard` over the libraries page.
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
      to: `plugins/${PLUGIN_ID}`,
      icon: Archive,
      intlLabel: { id: `${PLUGIN_ID}.libraries.menu`, defaultMessage: 'Project libraries' },
      Component: () => import('./pages/Libraries').then((mod) => ({ default: mod.App })),
      permissions: [{ action: 'plugin::scrm-tickets.library.manage', subject: null }],
    });
    // 模板字段: the template designer in the Content Manager's edit view of a ticket template
    // (server/src/register.ts registers the same name; the stored value stays plain JSON).
    app.customFields.register({
      name: TEMPLATE_FIELDS,
      pluginId: PLUGIN_ID,
      type: 'json',
      intlLabel: { id: `${PLUGIN_ID}.designer.title`, defaultMessage: 'Template fields' },
      intlDescription: { id: `${PLUGIN_ID}.designer.description`, defaultMessage: 'The fields of a ticket template, designed without JSON' },
      components: { Input: async () => import('./components/designer/FieldDesigner') },
    });
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
      })
    );
  },
};

const prefixKeys = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
