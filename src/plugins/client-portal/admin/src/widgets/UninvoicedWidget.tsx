import { Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { StaffSession } from '../../../shared/contracts';
import { usePortalQuery } from '../utils/portal-query';
import { reportAccess, reportPath, uninvoicedTotals, type UninvoicedRow } from '../utils/report-logic';
import { formatDuration, formatMoney } from '../utils/format';
import { getTranslation } from '../utils/translations';
import { WidgetError, WidgetFrame } from './WidgetFrame';

const Uninvoiced = ({ session }: { session: StaffSession }) => {
  const { formatMessage, locale } = useIntl();
  const allowed = reportAccess(session).financial;
  const report = usePortalQuery<{ data: UninvoicedRow[] }>(['widget', 'uninvoiced'], reportPath('uninvoiced'), allowed);
  if (!allowed) {
    return (
      <Widget.NoPermissions>
        {formatMessage({
          id: getTranslation('widgets.uninvoiced.financialOnly'),
          defaultMessage: 'For Owners and Member+ with “time and finances” only.',
        })}
      </Widget.NoPermissions>
    );
  }
  if (report.isLoading) return <Widget.Loading />;
  if (report.isError) return <WidgetError error={report.error} />;
  const totals = uninvoicedTotals(report.data?.data ?? []);
  if (totals.length === 0) {
    return (
      <Widget.NoData>
        {formatMessage({
          id: getTranslation('widgets.uninvoiced.none'),
          defaultMessage: 'All approved work is invoiced.',
        })}
      </Widget.NoData>
    );
  }
  return (
    <Flex
      direction="column"
      alignItems="center"
      justifyContent="center"
      height="100%"
      gap={2}
      data-testid="widget-uninvoiced"
    >
      {totals.map((total) => (
        <Flex key={total.currency} direction="column" alignItems="center">
          <Typography variant="alpha" tag="p">
            {formatMoney(total.totalCents, total.currency, locale)}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage(
              {
                id: getTranslation('widgets.uninvoiced.caption'),
                defaultMessage: '{hours} h in {projects, plural, one {# project} other {# projects}}',
              },
              { hours: formatDuration(total.minutes), projects: total.projects }
            )}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
};

export const UninvoicedWidget = () => <WidgetFrame>{(session) => <Uninvoiced session={session} />}</WidgetFrame>;
