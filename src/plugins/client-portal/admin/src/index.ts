import { Briefcase, ChartPie, CheckCircle, Clock } from '@strapi/icons';
import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { MONEY_FIELD, PLUGIN_ID } from '../../shared/contracts';
import { INJECT_COLUMN_IN_TABLE, formatMoneyColumns } from './components/MoneyInput/listColumns';
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

    // Home page widgets (docs/admin-panel.md#home-widgets): only for admins holding the plugin's read permission.
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
        ...widget('week', 'My week', Clock, '/timesheet', 'Open my timesheet'),
        component: async () => (await import('./widgets/MyWeekWidget')).MyWeekWidget,
      },
      {
        ...widget('approvals', 'Approvals waiting for me', CheckCircle, '/approvals', 'Open approvals'),
        component: async () => (await import('./widgets/ApprovalsWidget')).ApprovalsWidget,
      },
      {
        ...widget('budgets', 'Budgets over 80 % used', ChartPie, '/budgets', 'Open budgets'),
        component: async () => (await import('./widgets/BudgetsWidget')).BudgetsWidget,
      },
      {
        ...widget('uninvoiced', 'Uninvoiced approved work', Briefcase, '/invoices', 'Open invoices'),
        component: async () => (await import('./widgets/UninvoicedWidget')).UninvoicedWidget,
      },
    ]);
    // Money as integer minor units, shown and typed in the entry's currency (Content Manager).
    app.customFields.register({
      name: MONEY_FIELD,
      pluginId: PLUGIN_ID,
      type: 'integer',
      intlLabel: { id: getTranslation('money.label'), defaultMessage: 'Money' },
      intlDescription: {
        id: getTranslation('money.description'),
        defaultMessage: 'An amount in cents, shown and typed in the entry’s currency',
      },
      // The Content Manager passes an input's props (name, label, value, onChange…); the type says none.
      components: {
        Input: async () => (await import('./components/MoneyInput')) as unknown as { default: ComponentType },
      },
      options: {
        advanced: [
          {
            sectionTitle: { id: getTranslation('money.settings'), defaultMessage: 'Settings' },
            items: [
              {
                name: 'required',
                type: 'checkbox',
                intlLabel: { id: getTranslation('money.required'), defaultMessage: 'Required field' },
                description: {
                  id: getTranslation('money.required.description'),
                  defaultMessage: 'You won’t be able to create an entry if this field is empty',
                },
              },
              {
                name: 'private',
                type: 'checkbox',
                intlLabel: { id: getTranslation('money.private'), defaultMessage: 'Private field' },
                description: {
                  id: getTranslation('money.private.description'),
                  defaultMessage: 'This field will not show up in the API response',
                },
              },
            ],
          },
        ],
      },
    });
  },

  bootstrap(app: Pick<StrapiApp, 'registerHook'>) {
    app.registerHook(INJECT_COLUMN_IN_TABLE, formatMoneyColumns);
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
