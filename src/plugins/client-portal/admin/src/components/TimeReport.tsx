import {
  Box,
  EmptyStateLayout,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { describeError } from '../utils/logic';
import { usePortalQuery } from '../utils/portal-query';
import {
  csvFileName,
  reportPath,
  timeChartData,
  timeLabel,
  timeTotals,
  type TimeGrouping,
  type TimeReportRow,
} from '../utils/report-logic';
import { formatDuration } from '../utils/format';
import { getTranslation } from '../utils/translations';
import { CsvButton } from './CsvButton';
import { Section } from './Section';

const GROUPINGS: TimeGrouping[] = ['project', 'person', 'month'];

/** Time by project, person or month: a bar chart of hours and a table of h:mm with totals. */
export const TimeReport = ({ from, to }: { from?: string; to?: string }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const [groupBy, setGroupBy] = useState<TimeGrouping>('project');
  const options = { from, to, groupBy };
  const report = usePortalQuery<{ data: TimeReportRow[] }>(['report', 'time', options], reportPath('time', options));
  const rows = report.data?.data ?? [];
  const totals = timeTotals(rows);
  const groupLabel = t(`reports.by.${groupBy}`, groupBy);

  return (
    <Section
      title={t('reports.time', 'Time by {group}', { group: groupLabel })}
      actions={
        <Flex gap={2}>
          <SingleSelect
            aria-label={t('reports.groupBy', 'Group by')}
            value={groupBy}
            onChange={(value: string | number) => setGroupBy(value as TimeGrouping)}
          >
            {GROUPINGS.map((grouping) => (
              <SingleSelectOption key={grouping} value={grouping}>
                {t(`reports.by.${grouping}`, grouping)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <CsvButton
            path={reportPath('time', { ...options, format: 'csv' })}
            fileName={csvFileName('time', options)}
            label={t('reports.csvTime', 'Export time report as CSV')}
          />
        </Flex>
      }
    >
      {report.isLoading ? (
        <Page.Loading />
      ) : report.isError ? (
        <EmptyStateLayout content={describeError(report.error).message} />
      ) : rows.length === 0 ? (
        <EmptyStateLayout content={t('reports.noTime', 'No time logged in this period.')} />
      ) : (
        <>
          <Box height="300px" marginBottom={6} data-testid="time-chart">
            <ResponsiveContainer width="100%" height={300}>
              <BarChart data={timeChartData(rows, groupBy)} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis tick={{ fontSize: 12 }} unit=" h" />
                <Tooltip />
                <Legend />
                <Bar dataKey="hours" name={t('reports.hours', 'Hours')} fill="#4945ff" />
                <Bar dataKey="billableHours" name={t('reports.billableHours', 'Billable hours')} fill="#32a852" />
              </BarChart>
            </ResponsiveContainer>
          </Box>
          <Table colCount={3} rowCount={rows.length + 2} aria-label={t('reports.timeTable', 'Time report')}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{groupLabel}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('reports.hours', 'Hours')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('reports.billableHours', 'Billable hours')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row, index) => (
                <Tr key={`${timeLabel(row, groupBy)}-${index}`}>
                  <Td>
                    <Typography>{timeLabel(row, groupBy)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDuration(row.minutes)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDuration(row.billableMinutes)}</Typography>
                  </Td>
                </Tr>
              ))}
              <Tr data-testid="time-total">
                <Td>
                  <Typography fontWeight="bold">{t('reports.total', 'Total')}</Typography>
                </Td>
                <Td>
                  <Typography fontWeight="bold">{formatDuration(totals.minutes)}</Typography>
                </Td>
                <Td>
                  <Typography fontWeight="bold">{formatDuration(totals.billableMinutes)}</Typography>
                </Td>
              </Tr>
            </Tbody>
          </Table>
        </>
      )}
    </Section>
  );
};
