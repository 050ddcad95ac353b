import { Box, Tabs } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useLocation, useNavigate } from 'react-router-dom';
import { PLUGIN_ID } from '../../../shared/contracts';
import { getTranslation } from '../utils/translations';

/** The plugin's pages as tabs under the header; one line per page (routes: pages/App ROUTES). */
const PAGES = [
  { path: '', id: 'nav.people', label: 'People & seats' },
  { path: 'timesheet', id: 'nav.timesheet', label: 'My timesheet' },
  { path: 'approvals', id: 'nav.approvals', label: 'Approvals' },
  { path: 'budgets', id: 'nav.budgets', label: 'Budgets' },
  { path: 'estimates', id: 'nav.estimates', label: 'Estimates' },
  { path: 'invoices', id: 'nav.invoices', label: 'Invoices' },
  { path: 'templates', id: 'nav.templates', label: 'Templates & teams' },
  { path: 'reports', id: 'nav.reports', label: 'Reports' },
  { path: 'preview', id: 'nav.preview', label: 'View as client' },
  { path: 'settings', id: 'nav.settings', label: 'Settings' },
];

const ROOT = `/plugins/${PLUGIN_ID}`;
/** Radix tabs want a non-empty value: the index page's tab is "index". */
const INDEX = 'index';

/** The tab of the current location: the first path segment after the plugin's root. */
const currentTab = (pathname: string) => {
  const rest = pathname.slice(pathname.indexOf(ROOT) + ROOT.length).replace(/^\/+/, '');
  const segment = rest.split('/')[0] ?? '';
  return segment && PAGES.some((page) => page.path === segment) ? segment : INDEX;
};

export const PortalNav = () => {
  const { formatMessage } = useIntl();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <Box
      tag="nav"
      aria-label={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Client portal' })}
      paddingBottom={4}
    >
      <Tabs.Root
        value={currentTab(pathname)}
        onValueChange={(value) => navigate(value === INDEX ? ROOT : `${ROOT}/${value}`)}
        variant="simple"
      >
        <Tabs.List
          aria-label={formatMessage({ id: getTranslation('nav.label'), defaultMessage: 'Client portal pages' })}
        >
          {PAGES.map((page) => (
            <Tabs.Trigger key={page.path} value={page.path || INDEX}>
              {formatMessage({ id: getTranslation(page.id), defaultMessage: page.label })}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Tabs.Root>
    </Box>
  );
};
