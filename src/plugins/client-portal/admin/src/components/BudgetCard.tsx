import { Badge, Box, Flex, Grid, Loader, Switch, Typography } from '@strapi/design-system';
import type { BudgetAccessProject } from '../../../shared/contracts';
import { useBurn } from '../utils/money-api';
import { burnSeries, forecast, formatDay, formatHours, isoDay, usedPercent } from '../utils/money-logic';
import { formatMoney } from '../utils/format';
import { useLabel } from '../utils/use-label';
import { BurnChart } from './BurnChart';

type Budget = BudgetAccessProject['budgets'][number];

interface Props {
  budget: Budget;
  /** Show money (docs/roles-and-capabilities.md: financial viewers only). */
  money: boolean;
  canToggle: boolean;
  onToggle: (documentId: string, clientAccess: boolean) => void;
}

const Stat = ({ label, value }: { label: string; value: string }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography fontWeight="semiBold">{value}</Typography>
  </Flex>
);

/** One budget: figures, burn chart, forecast at the current pace and the client-access switch. */
export const BudgetCard = ({ budget, money, canToggle, onToggle }: Props) => {
  const { label, locale } = useLabel();
  const burn = useBurn(budget.documentId);
  const days = burn.data?.data.days ?? [];
  const today = isoDay(Date.now());
  const points = burnSeries(days, budget.amountCents, burn.data?.data.startsOn, today);
  const usedCents = days.reduce((sum, day) => sum + day.cents, 0);
  const minutes = days.reduce((sum, day) => sum + day.minutes, 0);
  const percent = usedPercent(usedCents, budget.amountCents);
  const outlook = forecast({
    amountCents: budget.amountCents,
    usedCents,
    startsOn: burn.data?.data.startsOn,
    endsOn: burn.data?.data.endsOn,
    firstWork: days[0]?.date,
    today,
  });
  const outlookText = {
    none: label('money.forecast.none', 'No work yet'),
    within: label('money.forecast.within', 'Within budget'),
    exhausted: label('money.forecast.exhausted', 'Used up'),
    runsOut:
      outlook.kind === 'runsOut'
        ? label('money.forecast.runsOut', 'Runs out on {date}', { date: formatDay(outlook.date, locale) })
        : '',
  }[outlook.kind];
  const accessLabel = `${label('budgets.access', 'Client access')}: ${budget.name}`;

  return (
    <Box borderColor="neutral200" hasRadius padding={4} marginBottom={4} tag="article" aria-label={budget.name}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} marginBottom={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography tag="h3" variant="epsilon" fontWeight="bold">
            {budget.name}
          </Typography>
          <Badge>{label(`money.kind.${budget.kind}`, budget.kind)}</Badge>
        </Flex>
        <Flex direction="column" alignItems="flex-end" gap={1}>
          <Switch
            aria-label={accessLabel}
            checked={budget.clientAccess}
            disabled={!canToggle}
            onCheckedChange={(checked) => onToggle(budget.documentId, checked)}
            onLabel={label('common.on', 'On')}
            offLabel={label('common.off', 'Off')}
            visibleLabels
          />
          <Typography variant="pi" textColor="neutral600">
            {canToggle
              ? label('budgets.access', 'Client access')
              : label('money.access.readonly', 'Only Owners, Member+ with finances and the project leader change this')}
          </Typography>
        </Flex>
      </Flex>
      <Grid.Root gap={4} marginBottom={4}>
        {money && (
          <>
            <Grid.Item col={2} s={6}>
              <Stat
                label={label('budgets.amount', 'Amount')}
                value={formatMoney(budget.amountCents, budget.currency, locale)}
              />
            </Grid.Item>
            <Grid.Item col={2} s={6}>
              <Stat label={label('money.used', 'Used')} value={formatMoney(usedCents, budget.currency, locale)} />
            </Grid.Item>
            <Grid.Item col={2} s={6}>
              <Stat
                label={label('money.remaining', 'Remaining')}
                value={formatMoney(budget.amountCents - usedCents, budget.currency, locale)}
              />
            </Grid.Item>
          </>
        )}
        <Grid.Item col={2} s={6}>
          <Stat label={label('money.billableHours', 'Billable hours')} value={formatHours(minutes, locale)} />
        </Grid.Item>
        <Grid.Item col={money ? 4 : 6} s={12}>
          <Stat label={label('money.forecast', 'Forecast at the current pace')} value={outlookText} />
        </Grid.Item>
      </Grid.Root>
      {percent !== null && (
        <Flex gap={2} marginBottom={4}>
          {/* The design system's ProgressBar is drawn for dark surfaces (white on grey); this one is tinted by use. */}
          <Box
            width="240px"
            height="8px"
            background="neutral150"
            hasRadius
            overflow="hidden"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={label('money.used', 'Used')}
          >
            <Box
              height="8px"
              background={percent >= 100 ? 'danger600' : percent >= 80 ? 'warning600' : 'primary600'}
              style={{ width: `${percent}%` }}
            />
          </Box>
          <Typography variant="pi">{label('money.usedPercent', '{percent} % used', { percent })}</Typography>
        </Flex>
      )}
      {burn.isLoading || burn.isIdle ? (
        <Loader small>{label('common.loading', 'Loading')}</Loader>
      ) : burn.isError ? (
        <Typography textColor="danger600" role="alert">
          {(burn.error as Error).message}
        </Typography>
      ) : points.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {label('money.noWork', 'No approved billable work on this budget yet.')}
        </Typography>
      ) : (
        <BurnChart
          points={points}
          currency={budget.currency}
          locale={locale}
          money={money}
          title={label('money.chart', 'Burn of {name}', { name: budget.name })}
          labels={{
            used: label('money.used', 'Used'),
            amount: label('budgets.amount', 'Amount'),
            hours: label('money.billableHours', 'Billable hours'),
          }}
        />
      )}
    </Box>
  );
};
