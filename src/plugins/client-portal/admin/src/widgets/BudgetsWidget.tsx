import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useQuery } from 'react-query';
import { PLUGIN_ID, type BudgetSummary, type StaffSession } from '../../../shared/contracts';
import { budgetsOver } from '../utils/report-logic';
import { formatMoney } from '../utils/format';
import { usePortalApi } from '../utils/session';
import { getTranslation } from '../utils/translations';
import { WidgetError, WidgetFrame } from './WidgetFrame';

const MAX_BUDGETS = 100;

/** The summaries of every budget the person sees, at or over 80 % used. */
const useBudgetsOver = (session: StaffSession) => {
  const api = usePortalApi();
  return useQuery(
    [PLUGIN_ID, 'portal', session.person?.id ?? null, 'widget', 'budgets-over'],
    async () => {
      const list = await api<{ data: { documentId: string }[] }>(
        `/budgets?fields[0]=name&pagination[pageSize]=${MAX_BUDGETS}`
      );
      const summaries = await Promise.all(
        list.data.map(
          async (budget) => (await api<{ data: BudgetSummary }>(`/budgets/${budget.documentId}/summary`)).data
        )
      );
      return budgetsOver(summaries);
    },
    { enabled: Boolean(session.jwt), retry: false }
  );
};

const BudgetsOver = ({ session }: { session: StaffSession }) => {
  const { formatMessage, locale } = useIntl();
  const budgets = useBudgetsOver(session);
  if (budgets.isLoading) return <Widget.Loading />;
  if (budgets.isError) return <WidgetError error={budgets.error} />;
  const rows = budgets.data ?? [];
  if (rows.length === 0) {
    return (
      <Widget.NoData>
        {formatMessage({ id: getTranslation('widgets.budgets.none'), defaultMessage: 'No budget is over 80 % used.' })}
      </Widget.NoData>
    );
  }
  const amounts = session.capabilities.seeFinancials;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="widget-budgets">
      {rows.map((budget) => (
        <Box key={budget.documentId}>
          <Flex justifyContent="space-between" gap={2}>
            <Typography fontWeight="bold" ellipsis>
              {budget.name}
            </Typography>
            <Typography variant="pi" textColor={budget.percent >= 100 ? 'danger600' : 'neutral600'}>
              {amounts
                ? `${formatMoney(budget.usedCents, budget.currency, locale)} / ${formatMoney(budget.amountCents, budget.currency, locale)} · ${budget.percent} %`
                : `${budget.percent} %`}
            </Typography>
          </Flex>
          <Box background="neutral150" hasRadius height="0.5rem" marginTop={1} overflow="hidden">
            <Box
              background={budget.percent >= 100 ? 'danger500' : 'warning500'}
              height="100%"
              width={`${Math.min(100, budget.percent)}%`}
            />
          </Box>
        </Box>
      ))}
    </Flex>
  );
};

export const BudgetsWidget = () => <WidgetFrame>{(session) => <BudgetsOver session={session} />}</WidgetFrame>;
