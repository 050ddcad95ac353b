import { Box, Button, Flex, IconButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Play, Plus } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { useLabel } from '../../utils/time-api';
import { formatDay, rowLabel, type IsoDate, type RowKey, type Sheet } from '../../utils/time-logic';
import { formatDuration } from '../../utils/format';
import type { EntryTarget } from './EntryDialog';
import { StateBadge } from './StateBadge';

interface GridProps {
  sheet: Sheet;
  days: IsoDate[];
  onOpen: (target: EntryTarget) => void;
  /** Absent while a timer runs: one timer at a time. */
  onStartTimer?: (row: RowKey) => void;
}

/** The week grid: project/task rows × Monday–Sunday, each cell its entries with their state, totals last. */
export const TimesheetGrid = ({ sheet, days, onOpen, onStartTimer }: GridProps) => {
  const { locale } = useIntl();
  const label = useLabel();
  return (
    <Table colCount={days.length + 2} rowCount={sheet.rows.length + 2}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{label('time.row', 'Project / task')}</Typography>
          </Th>
          {days.map((day) => (
            <Th key={day}>
              <Typography variant="sigma">{formatDay(day, locale, 'short')}</Typography>
            </Th>
          ))}
          <Th>
            <Typography variant="sigma">{label('time.total', 'Total')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {sheet.rows.map((row) => (
          <Tr key={row.key}>
            <Td>
              <Flex gap={2} alignItems="center">
                <Typography fontWeight="semiBold">{rowLabel(row)}</Typography>
                {onStartTimer && (
                  <IconButton
                    size="S"
                    variant="ghost"
                    label={label('time.startTimerOn', 'Start timer on {row}', { row: rowLabel(row) })}
                    onClick={() => onStartTimer(row)}
                  >
                    <Play />
                  </IconButton>
                )}
              </Flex>
            </Td>
            {row.cells.map((entries, index) => {
              const where = `${rowLabel(row)}, ${formatDay(days[index], locale, 'short')}`;
              return (
                <Td key={days[index]} style={{ verticalAlign: 'top' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} paddingBottom={2}>
                    {entries.map((entry) => (
                      <Flex key={entry.documentId} direction="column" alignItems="flex-start" gap={1}>
                        <Flex gap={1}>
                          <Button
                            size="S"
                            variant="tertiary"
                            aria-label={label('time.editAt', 'Edit {duration} on {where}', {
                              duration: formatDuration(entry.minutes),
                              where,
                            })}
                            onClick={() => onOpen({ row, date: days[index], entry })}
                          >
                            {formatDuration(entry.minutes)}
                          </Button>
                          <StateBadge state={entry.state} />
                        </Flex>
                        {entry.state === 'rejected' && entry.rejectionReason && (
                          <Box maxWidth="12rem">
                            <Typography variant="pi" textColor="danger600">
                              {entry.rejectionReason}
                            </Typography>
                          </Box>
                        )}
                      </Flex>
                    ))}
                    <IconButton
                      size="S"
                      variant="ghost"
                      withTooltip={false}
                      label={label('time.logAt', 'Log time on {where}', { where })}
                      onClick={() => onOpen({ row, date: days[index], entry: null })}
                    >
                      <Plus />
                    </IconButton>
                  </Flex>
                </Td>
              );
            })}
            <Td>
              <Typography fontWeight="semiBold">{formatDuration(row.total)}</Typography>
            </Td>
          </Tr>
        ))}
        <Tr>
          <Td>
            <Typography fontWeight="bold">{label('time.dayTotals', 'Total per day')}</Typography>
          </Td>
          {sheet.dayTotals.map((minutes, index) => (
            <Td key={days[index]} data-testid={`day-total-${index}`}>
              <Typography fontWeight="bold">{formatDuration(minutes)}</Typography>
            </Td>
          ))}
          <Td data-testid="week-total">
            <Typography fontWeight="bold">{formatDuration(sheet.weekTotal)}</Typography>
          </Td>
        </Tr>
      </Tbody>
    </Table>
  );
};
