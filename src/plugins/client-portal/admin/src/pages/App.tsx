import { Main } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Route, Routes } from 'react-router-dom';
import { PortalNav } from '../components/PortalNav';
import { getTranslation } from '../utils/translations';
import { ApprovalsPage } from './ApprovalsPage';
import { BudgetsPage } from './BudgetsPage';
import { InvoicesPage } from './InvoicesPage';
import { PeoplePage } from './PeoplePage';
import { PreviewPage } from './PreviewPage';
import { SettingsPage } from './SettingsPage';
import { TimesheetPage } from './TimesheetPage';

const App = () => {
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
        <Routes>
          <Route index element={<PeoplePage />} />
          <Route path="budgets" element={<BudgetsPage />} />
          <Route path="invoices" element={<InvoicesPage />} />
          <Route path="preview" element={<PreviewPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="timesheet" element={<TimesheetPage />} />
          <Route path="approvals" element={<ApprovalsPage />} />
          <Route path="*" element={<Page.Error />} />
        </Routes>
      </Layouts.Content>
    </Main>
  );
};

export default App;
