import { Briefcase, ChartPie, CheckCircle, Clock } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/contracts';
import { PluginIcon } from './components/PluginIcon';
import { READ_PERMISSIONS } from './utils/permissions';
import { getTranslation, prefixTranslations } from './utils/translations';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Client portal' },
      Component: () => import('./pages/App'),
      permissions: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    // Home page widgets (SPEC §9): only for admins holding the plugin's read permission.
    const widget = (id: string, title: string, icon: typeof Clock, page: string, linkLabel: string) => ({
      id,
      pluginId: PLUGIN_ID,
      icon,
      title: { id: getTranslation(`widgets.${id}.title`), defaultMessage: title },
      link: {
        label: { id: getTranslation(`widgets.${id}.link`), defaultMessage: linkLabel },
        href: `/plugins/${PLUGIN_ID}${page}`,
      },
      permissions: READ_PERMISSIONS,
    });
    app.widgets.register([
      {
        ...widget('week', 'My week', Clock, '/reports', 'Open reports'),
        component: async () => (await import('./widgets/MyWeekWidget')).MyWeekWidget,
      },
      {
        ...widget('approvals', 'Approvals waiting for me', CheckCircle, '', 'Open the portal'),
        component: async () => (await import('./widgets/ApprovalsWidget')).ApprovalsWidget,
      },
      {
        ...widget('budgets', 'Budgets over 80 % used', ChartPie, '/reports', 'Open reports'),
        component: async () => (await import('./widgets/BudgetsWidget')).BudgetsWidget,
      },
      {
        ...widget('uninvoiced', 'Uninvoiced approved work', Briefcase, '/reports', 'Open reports'),
        component: async () => (await import('./widgets/UninvoicedWidget')).UninvoicedWidget,
      },
    ]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
