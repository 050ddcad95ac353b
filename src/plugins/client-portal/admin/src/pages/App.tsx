import { Main } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { ReactElement } from 'react';
import { useIntl } from 'react-intl';
import { Route, Routes } from 'react-router-dom';
import { PortalNav } from '../components/PortalNav';
import { StaffGate } from '../components/StaffGate';
import { ADMIN_ACTIONS } from '../../../shared/contracts';
import { permission, READ_PERMISSIONS } from '../utils/permissions';
import { getTranslation } from '../utils/translations';
import { ApprovalsPage } from './ApprovalsPage';
import { BudgetsPage } from './BudgetsPage';
import { EstimatesPage } from './EstimatesPage';
import { InvoicesPage } from './InvoicesPage';
import { PeoplePage } from './PeoplePage';
import { PreviewPage } from './PreviewPage';
import { ReportsPage } from './ReportsPage';
import { SettingsPage } from './SettingsPage';
import { TemplatesPage } from './TemplatesPage';
import { TimesheetPage } from './TimesheetPage';

/**
 * The plugin's pages by path under /plugins/client-portal (tabs: components/PortalNav PAGES);
 * `permissions`: what the page needs beyond `read` (else Strapi's no-permission page).
 */
const ROUTES: { path: string; element: ReactElement; permissions?: ReturnType<typeof permission>[] }[] = [
  { path: '', element: <PeoplePage /> },
  { path: 'timesheet', element: <TimesheetPage /> },
  { path: 'approvals', element: <ApprovalsPage /> },
  { path: 'budgets', element: <BudgetsPage /> },
  { path: 'estimates', element: <EstimatesPage /> },
  { path: 'invoices', element: <InvoicesPage /> },
  { path: 'templates', element: <TemplatesPage /> },
  { path: 'reports', element: <ReportsPage /> },
  { path: 'preview', element: <PreviewPage />, permissions: [permission(ADMIN_ACTIONS.preview)] },
  { path: 'settings', element: <SettingsPage />, permissions: [permission(ADMIN_ACTIONS.settings)] },
];

const guard = ({ element, permissions }: (typeof ROUTES)[number]) =>
  permissions ? <Page.Protect permissions={permissions}>{element}</Page.Protect> : element;

const Shell = () => {
  const { formatMessage } = useIntl();
  return (
    <Main>
      <Layouts.Header
        title={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Client portal' })}
        subtitle={formatMessage({
          id: getTranslation('home.subtitle'),
          defaultMessage: 'People, seats and what your clients can see.',
        })}
      />
      <Layouts.Content>
        <PortalNav />
        <StaffGate>
          <Routes>
            {ROUTES.map((route) =>
              route.path ? (
                <Route key={route.path} path={route.path} element={guard(route)} />
              ) : (
                <Route key="index" index element={guard(route)} />
              )
            )}
            <Route path="*" element={<Page.Error />} />
          </Routes>
        </StaffGate>
      </Layouts.Content>
    </Main>
  );
};

/** Admins without the plugin's read permission get Strapi's own no-permission page at once. */
const App = () => (
  <Page.Protect permissions={READ_PERMISSIONS}>
    <Shell />
  </Page.Protect>
);

export default App;
