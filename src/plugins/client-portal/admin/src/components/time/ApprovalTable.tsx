import { Button, Checkbox, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { QueuedEntry } from '../../../../shared/contracts';
import { useLabel, type QueueType } from '../../utils/time-api';
import { formatDay, personName } from '../../utils/time-logic';
import { formatDuration, formatMoney } from '../../utils/format';

interface TableProps {
  type: QueueType;
  entries: QueuedEntry[];
  selected: string[];
  onSelect: (documentIds: string[]) => void;
  onApprove: (documentIds: string[]) => void;
  onReject: (documentIds: string[]) => void;
  busy: boolean;
}

/** Pending entries, selectable, each with its own approve and reject. */
export const ApprovalTable = ({ type, entries, selected, onSelect, onApprove, onReject, busy }: TableProps) => {
  const { locale } = useIntl();
  const label = useLabel();
  const time = type === 'time-entries';
  const all = entries.length > 0 && entries.every((entry) => selected.includes(entry.documentId));
  const some = !all && entries.some((entry) => selected.includes(entry.documentId));
  const toggle = (documentId: string, on: boolean) =>
    onSelect(on ? [...selected, documentId] : selected.filter((id) => id !== documentId));
  const heading = (id: string, fallback: string) => (
    <Th>
      <Typography variant="sigma">{label(id, fallback)}</Typography>
    </Th>
  );

  return (
    <Table colCount={8} rowCount={entries.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Checkbox
              aria-label={label('approvals.selectAll', 'Select all')}
              checked={all ? true : some ? 'indeterminate' : false}
              onCheckedChange={(checked) => onSelect(checked === true ? entries.map((entry) => entry.documentId) : [])}
            />
          </Th>
          {heading('approvals.date', 'Date')}
          {heading('approvals.person', 'Person')}
          {heading('time.project', 'Project')}
          {time ? heading('time.task', 'Task') : heading('approvals.description', 'Description')}
          {time ? heading('time.duration', 'Duration') : heading('approvals.amount', 'Amount')}
          {heading('time.note', 'Note')}
          {heading('approvals.actions', 'Actions')}
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((entry) => {
          const amount = time
            ? formatDuration(entry.minutes ?? 0)
            : formatMoney(entry.amountCents ?? 0, entry.currency ?? 'EUR', locale);
          const who = `${personName(entry.person)}, ${formatDay(entry.date, locale)}, ${amount}`;
          return (
            <Tr key={entry.documentId}>
              <Td>
                <Checkbox
                  aria-label={label('approvals.select', 'Select {entry}', { entry: who })}
                  checked={selected.includes(entry.documentId)}
                  onCheckedChange={(checked) => toggle(entry.documentId, checked === true)}
                />
              </Td>
              <Td>
                <Typography>{formatDay(entry.date, locale)}</Typography>
              </Td>
              <Td>
                <Typography>{personName(entry.person)}</Typography>
              </Td>
              <Td>
                <Typography>{entry.project?.name ?? '—'}</Typography>
              </Td>
              <Td>
                <Typography>{time ? (entry.task?.title ?? '—') : (entry.description ?? '—')}</Typography>
              </Td>
              <Td>
                <Typography fontWeight="semiBold">{amount}</Typography>
                {!entry.billable && (
                  <Typography variant="pi" textColor="neutral600">
                    {' '}
                    {label('approvals.nonBillable', 'non-billable')}
                  </Typography>
                )}
              </Td>
              <Td>
                <Typography textColor="neutral700">{(time ? entry.note : null) ?? ''}</Typography>
              </Td>
              <Td>
                <Flex gap={2}>
                  <Button
                    size="S"
                    variant="success-light"
                    disabled={busy}
                    aria-label={label('approvals.approveOne', 'Approve {entry}', { entry: who })}
                    onClick={() => onApprove([entry.documentId])}
                  >
                    {label('approvals.approve', 'Approve')}
                  </Button>
                  <Button
                    size="S"
                    variant="danger-light"
                    disabled={busy}
                    aria-label={label('approvals.rejectOne', 'Reject {entry}', { entry: who })}
                    onClick={() => onReject([entry.documentId])}
                  >
                    {label('approvals.reject', 'Reject')}
                  </Button>
                </Flex>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
