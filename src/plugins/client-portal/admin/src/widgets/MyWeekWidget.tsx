import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { StaffSession, Timesheet } from '../../../shared/contracts';
import { usePortalQuery } from '../utils/portal-query';
import { currentWeek } from '../utils/report-logic';
import { formatDuration } from '../utils/format';
import { getTranslation } from '../utils/translations';
import { Figure, WidgetError, WidgetFrame } from './WidgetFrame';

const MyWeek = ({ session }: { session: StaffSession }) => {
  const { formatMessage } = useIntl();
  const week = currentWeek(new Date());
  const person = session.person?.id;
  const sheet = usePortalQuery<Timesheet>(
    ['widget', 'week', week.from],
    `/timesheets?from=${week.from}&to=${week.to}&person=${person}`
  );
  if (sheet.isLoading) return <Widget.Loading />;
  if (sheet.isError) return <WidgetError error={sheet.error} />;
  const minutes = sheet.data?.meta.totalMinutes ?? 0;
  if (minutes === 0) {
    return (
      <Widget.NoData>
        {formatMessage({ id: getTranslation('widgets.week.none'), defaultMessage: 'No time logged this week yet.' })}
      </Widget.NoData>
    );
  }
  return (
    <Figure
      testId="widget-my-week"
      value={`${formatDuration(minutes)} h`}
      caption={formatMessage(
        {
          id: getTranslation('widgets.week.caption'),
          defaultMessage: 'logged {from} – {to}, {billable} h billable',
        },
        { from: week.from, to: week.to, billable: formatDuration(sheet.data?.meta.totalBillableMinutes ?? 0) }
      )}
    />
  );
};

export const MyWeekWidget = () => <WidgetFrame>{(session) => <MyWeek session={session} />}</WidgetFrame>;
