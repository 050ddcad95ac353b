import { Box, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeError } from '../utils/logic';
import { usePortalQuery } from '../utils/portal-query';
import { budgetsByCurrency, csvFileName, reportPath, formatMajor, type BudgetReportRow } from '../utils/report-logic';
import { formatMoney } from '../utils/format';
import { getTranslation } from '../utils/translations';
import { CsvButton } from './CsvButton';
import { Section } from './Section';

const COLUMNS = [
  ['amountCents', 'reports.amount', 'Amount'],
  ['usedCents', 'reports.used', 'Used'],
  ['remainingCents', 'reports.remaining', 'Remaining'],
  ['costCents', 'reports.cost', 'Cost'],
  ['profitCents', 'reports.profit', 'Profit'],
] as const;

/** Budgets vs cost (financial): a chart per currency and a table with totals. */
export const BudgetReport = () => {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const report = usePortalQuery<{ data: BudgetReportRow[] }>(['report', 'budgets'], reportPath('budgets'));
  const groups = budgetsByCurrency(report.data?.data ?? []);
  const cell = (text: string, bold = false) => (
    <Td>
      <Typography fontWeight={bold ? 'bold' : undefined}>{text}</Typography>
    </Td>
  );

  return (
    <Section
      title={t('reports.budgets', 'Budgets vs cost')}
      actions={
        <CsvButton
          path={reportPath('budgets', { format: 'csv' })}
          fileName={csvFileName('budgets')}
          label={t('reports.csvBudgets', 'Export budgets report as CSV')}
        />
      }
    >
      {report.isLoading ? (
        <Page.Loading />
      ) : report.isError ? (
        <EmptyStateLayout content={describeError(report.error).message} />
      ) : groups.length === 0 ? (
        <EmptyStateLayout content={t('reports.noBudgets', 'No budgets to report on.')} />
      ) : (
        groups.map(({ currency, budgets, chart, totals }) => {
          const money = (cents: number | null) => formatMoney(cents, currency, locale);
          const axis = (value: number) => formatMajor(value, currency, locale);
          return (
            <Box key={currency} marginBottom={6}>
              <Box height="300px" marginBottom={6} data-testid={`budget-chart-${currency}`}>
                <ResponsiveContainer width="100%" height={300}>
                  <BarChart data={chart} margin={{ top: 8, right: 16, bottom: 8, left: 24 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                    <YAxis tick={{ fontSize: 12 }} tickFormatter={axis} width={90} />
                    <Tooltip formatter={(value) => formatMajor(Number(value), currency, locale, false)} />
                    <Legend />
                    <Bar dataKey="amount" name={t('reports.amount', 'Amount')} fill="#9f9fae" />
                    <Bar dataKey="used" name={t('reports.used', 'Used')} fill="#4945ff" />
                    <Bar dataKey="cost" name={t('reports.cost', 'Cost')} fill="#d02b20" />
                  </BarChart>
                </ResponsiveContainer>
              </Box>
              <Table
                colCount={8}
                rowCount={budgets.length + 2}
                aria-label={`${t('reports.budgets', 'Budgets vs cost')} ${currency}`}
              >
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('reports.project', 'Project')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('reports.budget', 'Budget')}</Typography>
                    </Th>
                    {COLUMNS.map(([, id, label]) => (
                      <Th key={id}>
                        <Typography variant="sigma">{t(id, label)}</Typography>
                      </Th>
                    ))}
                    <Th>
                      <Typography variant="sigma">{t('reports.margin', 'Margin')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {budgets.map((row) => (
                    <Tr key={row.budget}>
                      {cell(row.project || '—')}
                      {cell(
                        row.mixedCurrencies ? `${row.name} (${t('reports.mixed', 'several currencies')})` : row.name
                      )}
                      {COLUMNS.map(([key]) => (
                        <Td key={key}>
                          <Typography>{money(row[key])}</Typography>
                        </Td>
                      ))}
                      {cell(row.marginPercent === null ? '—' : `${row.marginPercent.toLocaleString(locale)} %`)}
                    </Tr>
                  ))}
                  <Tr data-testid={`budget-total-${currency}`}>
                    {cell(t('reports.total', 'Total'), true)}
                    {cell('')}
                    {COLUMNS.map(([key]) => (
                      <Td key={key}>
                        <Typography fontWeight="bold">{money(totals[key])}</Typography>
                      </Td>
                    ))}
                    {cell('')}
                  </Tr>
                </Tbody>
              </Table>
            </Box>
          );
        })
      )}
    </Section>
  );
};
