import { Box } from '@strapi/design-system';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatHours, type BurnPoint } from '../utils/money-logic';
import { formatMoney } from '../utils/format';

interface Props {
  points: BurnPoint[];
  currency: string;
  locale: string;
  /** Financial viewers see money (used vs amount); others see billable hours only. */
  money: boolean;
  labels: { used: string; amount: string; hours: string };
  title: string;
}

/** Cumulative use of a budget over time (recharts), against its amount for financial viewers. */
export const BurnChart = ({ points, currency, locale, money, labels, title }: Props) => {
  const data = points.map((point) => ({
    time: Date.parse(`${point.date}T00:00:00Z`),
    used: money ? point.usedCents : point.usedMinutes,
    amount: point.amountCents,
  }));
  const value = (raw: number) => (money ? formatMoney(raw, currency, locale) : formatHours(raw, locale));
  return (
    <Box height="240px" width="100%" role="img" aria-label={title} data-testid="burn-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#eaeaef" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(time: number) => formatDay(new Date(time).toISOString(), locale)}
            fontSize={12}
          />
          <YAxis tickFormatter={(raw: number) => value(raw)} fontSize={12} width={money ? 90 : 60} />
          <Tooltip
            labelFormatter={(time) => formatDay(new Date(Number(time)).toISOString(), locale)}
            formatter={(raw) => value(Number(raw))}
          />
          <Legend />
          <Line
            type="stepAfter"
            dataKey="used"
            name={money ? labels.used : labels.hours}
            stroke="#4945ff"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          {money && (
            <Line
              type="monotone"
              dataKey="amount"
              name={labels.amount}
              stroke="#ee5e52"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
};
