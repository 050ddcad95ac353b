import { Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useMemo, useState } from 'react';
import { ApprovalFilters } from '../components/time/ApprovalFilters';
import { ApprovalTable } from '../components/time/ApprovalTable';
import { RejectDialog } from '../components/time/RejectDialog';
import { StaffGate } from '../components/time/StaffGate';
import { Section } from '../components/Section';
import { useApprovalQueue, useDecide, useErrorMessage, useLabel, type QueueType } from '../utils/time-api';
import { filterQueue, keepSelected, queueOptions, type QueueFilter } from '../utils/time-logic';

/** Approvals (docs/admin-panel.md#approvals): pending time and expenses the person may decide on. */
const Approvals = () => {
  const label = useLabel();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const [type, setType] = useState<QueueType>('time-entries');
  const [filter, setFilter] = useState<QueueFilter>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<string[]>([]);
  const queue = useApprovalQueue(type);
  const decide = useDecide();
  const options = useMemo(() => queueOptions(queue.data ?? []), [queue.data]);
  const shown = useMemo(() => filterQueue(queue.data ?? [], filter), [queue.data, filter]);

  useEffect(() => setSelected((current) => keepSelected(current, shown)), [shown]);

  const run = async (documentIds: string[], decision: 'approve' | 'reject', reason?: string) => {
    try {
      await decide.mutateAsync({ type, documentIds, decision, reason });
      const count = documentIds.length;
      toggleNotification({
        type: 'success',
        message:
          decision === 'approve'
            ? label('approvals.approved', 'Approved {count, plural, one {# entry} other {# entries}}', { count })
            : label('approvals.rejected', 'Rejected {count, plural, one {# entry} other {# entries}}', { count }),
      });
      setRejecting([]);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Section
      title={label('nav.approvals', 'Approvals')}
      actions={
        selected.length > 0 && (
          <Flex gap={2}>
            <Typography textColor="neutral600">
              {label('approvals.selected', '{count} selected', { count: selected.length })}
            </Typography>
            <Button variant="success" disabled={decide.isLoading} onClick={() => run(selected, 'approve')}>
              {label('approvals.approveSelected', 'Approve selected')}
            </Button>
            <Button variant="danger" disabled={decide.isLoading} onClick={() => setRejecting(selected)}>
              {label('approvals.rejectSelected', 'Reject selected')}
            </Button>
          </Flex>
        )
      }
    >
      <ApprovalFilters
        type={type}
        onType={(next) => {
          setType(next);
          setFilter({});
          setSelected([]);
        }}
        filter={filter}
        onFilter={setFilter}
        options={options}
      />
      {queue.isLoading ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{label('approvals.loading', 'Loading what waits for you…')}</Loader>
        </Flex>
      ) : queue.isError ? (
        <EmptyStateLayout content={errorMessage(queue.error)} />
      ) : shown.length === 0 ? (
        <EmptyStateLayout
          content={
            (queue.data ?? []).length === 0
              ? label('approvals.none', 'Nothing waits for your approval.')
              : label('approvals.noneFiltered', 'Nothing pending matches these filters.')
          }
        />
      ) : (
        <ApprovalTable
          type={type}
          entries={shown}
          selected={selected}
          onSelect={setSelected}
          onApprove={(ids) => run(ids, 'approve')}
          onReject={setRejecting}
          busy={decide.isLoading}
        />
      )}
      <RejectDialog
        count={rejecting.length}
        busy={decide.isLoading}
        onReject={(reason) => run(rejecting, 'reject', reason)}
        onClose={() => setRejecting([])}
      />
    </Section>
  );
};

export const ApprovalsPage = () => {
  const label = useLabel();
  return (
    <StaffGate
      unlinked={label(
        'approvals.unlinked',
        'Your admin account acts as no person of the agency, so nothing waits for it.'
      )}
    >
      {() => <Approvals />}
    </StaffGate>
  );
};
