import { Flex } from '@strapi/design-system';
import { Link, useLocation } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../../../shared/contracts';
import { getTranslation } from '../utils/translations';

const PAGES = [
  { path: '', id: 'nav.people', label: 'People & seats' },
  { path: 'budgets', id: 'nav.budgets', label: 'Budgets' },
  { path: 'invoices', id: 'nav.invoices', label: 'Invoices' },
  { path: 'preview', id: 'nav.preview', label: 'View as client' },
  { path: 'settings', id: 'nav.settings', label: 'Settings' },
  { path: 'timesheet', id: 'nav.timesheet', label: 'My timesheet' },
  { path: 'approvals', id: 'nav.approvals', label: 'Approvals' },
];

/** The plugin's pages, as tabs under the header. */
export const PortalNav = () => {
  const { formatMessage } = useIntl();
  const { pathname } = useLocation();
  const root = `/plugins/${PLUGIN_ID}`;
  return (
    <Flex tag="nav" gap={4} paddingBottom={4} aria-label="Client portal">
      {PAGES.map((page) => {
        const to = page.path ? `${root}/${page.path}` : root;
        const current = pathname.replace(/\/$/, '').endsWith(page.path ? `/${page.path}` : root);
        return (
          <Link
            key={page.path}
            to={to}
            aria-current={current ? 'page' : undefined}
            style={{ fontWeight: current ? 700 : 400 }}
          >
            {formatMessage({ id: getTranslation(page.id), defaultMessage: page.label })}
          </Link>
        );
      })}
    </Flex>
  );
};
