import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { ApprovalQueue } from '../../../shared/contracts';
import { usePortalQuery } from '../utils/portal-query';
import { getTranslation } from '../utils/translations';
import { Figure, WidgetError, WidgetFrame } from './WidgetFrame';

const Approvals = ({ canApprove }: { canApprove: boolean }) => {
  const { formatMessage } = useIntl();
  const time = usePortalQuery<ApprovalQueue>(
    ['widget', 'approvals', 'time'],
    '/client-portal/approvals?type=time-entries&pageSize=1',
    canApprove
  );
  const expenses = usePortalQuery<ApprovalQueue>(
    ['widget', 'approvals', 'expenses'],
    '/client-portal/approvals?type=expenses&pageSize=1',
    canApprove
  );
  if (!canApprove) {
    return (
      <Widget.NoData>
        {formatMessage({
          id: getTranslation('widgets.approvals.notApprover'),
          defaultMessage: 'You approve nobody’s time or expenses.',
        })}
      </Widget.NoData>
    );
  }
  if (time.isLoading || expenses.isLoading) return <Widget.Loading />;
  if (time.isError || expenses.isError) return <WidgetError error={time.error ?? expenses.error} />;
  const entries = time.data?.meta.pagination.total ?? 0;
  const spent = expenses.data?.meta.pagination.total ?? 0;
  if (entries + spent === 0) {
    return (
      <Widget.NoData>
        {formatMessage({ id: getTranslation('widgets.approvals.none'), defaultMessage: 'Nothing waits for you.' })}
      </Widget.NoData>
    );
  }
  return (
    <Figure
      testId="widget-approvals"
      value={String(entries + spent)}
      caption={formatMessage(
        {
          id: getTranslation('widgets.approvals.caption'),
          defaultMessage:
            '{entries, plural, one {# time entry} other {# time entries}} and {expenses, plural, one {# expense} other {# expenses}} wait for your decision',
        },
        { entries, expenses: spent }
      )}
    />
  );
};

export const ApprovalsWidget = () => (
  <WidgetFrame>{(session) => <Approvals canApprove={session.capabilities.approve} />}</WidgetFrame>
);
