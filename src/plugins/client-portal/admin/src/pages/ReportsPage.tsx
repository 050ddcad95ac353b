import { Box, EmptyStateLayout, Field, Flex } from '@strapi/design-system';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { BudgetReport } from '../components/BudgetReport';
import { TimeReport } from '../components/TimeReport';
import { reportAccess } from '../utils/report-logic';
import { useStaffSession } from '../utils/session';
import { getTranslation } from '../utils/translations';

/**
 * Reports (docs/admin-panel.md#reports) under the report rules of docs/roles-and-capabilities.md: the Owner all; Member+ "projects" the
 * time reports; Member+ "finances" budgets vs cost; anyone else an explanation.
 */
export const ReportsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const session = useStaffSession();
  const access = reportAccess(session.data);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = { from: from || undefined, to: to || undefined };

  if (!access.time && !access.financial) {
    return (
      <EmptyStateLayout
        content={t(
          'reports.none',
          'Reports are for Owners and Member+: time reports with “projects, people, reports”, budgets vs cost with “time and finances”. Your person has neither.'
        )}
        hasRadius
        shadow="tableShadow"
      />
    );
  }
  return (
    <Box>
      {access.time && (
        <Flex gap={4} paddingBottom={6} alignItems="flex-end">
          <Field.Root name="from">
            <Field.Label>{t('reports.from', 'From')}</Field.Label>
            <Field.Input type="date" value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('reports.to', 'To')}</Field.Label>
            <Field.Input type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
          </Field.Root>
        </Flex>
      )}
      {access.time ? (
        <TimeReport {...period} />
      ) : (
        <Box paddingBottom={6}>
          <EmptyStateLayout
            content={t(
              'reports.noTimeAccess',
              'Time reports are for Owners and Member+ with “projects, people, reports”.'
            )}
            hasRadius
          />
        </Box>
      )}
      {access.financial ? (
        <BudgetReport />
      ) : (
        <EmptyStateLayout
          content={t(
            'reports.noFinancialAccess',
            'Budgets vs cost is a financial report: for Owners and Member+ with “time and finances”.'
          )}
          hasRadius
        />
      )}
    </Box>
  );
};
