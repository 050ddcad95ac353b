import type { BudgetSummary, StaffSession } from '../../../shared/contracts';
import { toMajor } from './format';

/** Pure logic of the Reports page and the home widgets (tested without a browser). */

export type TimeGrouping = 'project' | 'person' | 'month';

/** A row of `GET /api/reports/time?groupBy=…`. */
export interface TimeReportRow {
  project?: string | null;
  person?: string | null;
  month?: string;
  name?: string;
  minutes: number;
  billableMinutes: number;
}

/** A row of `GET /api/reports/budgets`. Money in integer minor units of `currency`. */
export interface BudgetReportRow {
  budget: string;
  name: string;
  project: string;
  currency: string;
  amountCents: number;
  usedCents: number | null;
  remainingCents: number | null;
  costCents: number | null;
  profitCents: number | null;
  marginPercent: number | null;
  mixedCurrencies: boolean;
}

/** A row of `GET /api/reports/uninvoiced`. */
export interface UninvoicedRow {
  project: string | null;
  name: string;
  currency: string;
  minutes: number;
  timeCents: number;
  expensesCents: number;
  totalCents: number;
  mixedCurrencies: boolean;
}

/** Report rules (docs/roles-and-capabilities.md#capability-matrix): Owner all; Member+ P all but financial; Member+ F financial only; others none. */
export const reportAccess = (session: Pick<StaffSession, 'acting' | 'person'> | null | undefined) => {
  const person = session?.person;
  if (!session || session.acting === 'unlinked' || !person) return { time: false, financial: false };
  if (session.acting === 'owner' || person.role === 'owner') return { time: true, financial: true };
  if (person.role !== 'member') return { time: false, financial: false };
  return { time: person.canManageProjects, financial: person.canManageFinances };
};

/** How the shell names the person the admin acts as. */
export const roleLabel = (person: StaffSession['person']): string => {
  if (!person) return '';
  switch (person.role) {
    case 'owner':
      return 'Owner';
    case 'member': {
      const flags = [person.canManageProjects ? 'P' : '', person.canManageFinances ? 'F' : ''].filter(Boolean);
      return flags.length ? `Member+ ${flags.join(' ')}` : 'Member';
    }
    case 'client-plus':
      return 'Client+';
    default:
      return 'Client';
  }
};

/** The label of a time row in the chart and table. */
export const timeLabel = (row: TimeReportRow, grouping: TimeGrouping): string =>
  (grouping === 'month' ? row.month : row.name) || '—';

/** Hours with two decimals, for the chart's bars. */
export const toHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export const timeChartData = (rows: TimeReportRow[], grouping: TimeGrouping) =>
  rows.map((row) => ({
    label: timeLabel(row, grouping),
    hours: toHours(row.minutes),
    billableHours: toHours(row.billableMinutes),
  }));

export const timeTotals = (rows: TimeReportRow[]) => ({
  minutes: rows.reduce((sum, row) => sum + row.minutes, 0),
  billableMinutes: rows.reduce((sum, row) => sum + row.billableMinutes, 0),
});

/** A major-unit amount (as the charts plot it) in the admin's locale with its currency. */
export const formatMajor = (value: number, currency: string, locale: string, whole = true) => {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(whole ? { maximumFractionDigits: 0 } : {}),
    }).format(value);
  } catch {
    return `${Math.round(value)} ${currency}`;
  }
};

/** Budgets per currency (one chart each: amounts of different currencies never share an axis). */
export const budgetsByCurrency = (rows: BudgetReportRow[]) => {
  const groups = new Map<string, BudgetReportRow[]>();
  rows.forEach((row) => groups.set(row.currency, [...(groups.get(row.currency) ?? []), row]));
  return [...groups.entries()].map(([currency, budgets]) => ({
    currency,
    budgets,
    chart: budgets.map((row) => ({
      label: row.project ? `${row.project} · ${row.name}` : row.name,
      amount: toMajor(row.amountCents, currency),
      used: row.usedCents === null ? null : toMajor(row.usedCents, currency),
      cost: row.costCents === null ? null : toMajor(row.costCents, currency),
    })),
    totals: budgetTotals(budgets),
  }));
};

/** Sums of one currency's budgets; rows with mixed currencies count for the amount only. */
export const budgetTotals = (rows: BudgetReportRow[]) => {
  const sum = (pick: (row: BudgetReportRow) => number | null) =>
    rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
  return {
    amountCents: sum((row) => row.amountCents),
    usedCents: sum((row) => row.usedCents),
    remainingCents: sum((row) => row.remainingCents),
    costCents: sum((row) => row.costCents),
    profitCents: sum((row) => row.profitCents),
  };
};

/** Share of the amount used, whole percent; null without an amount. */
export const usedPercent = (summary: Pick<BudgetSummary, 'amountCents' | 'usedCents'>) =>
  summary.amountCents > 0 ? Math.round((summary.usedCents * 100) / summary.amountCents) : null;

/** Budgets at or over `threshold` (0.8 = 80 %) of their amount, most used first. */
export const budgetsOver = <T extends Pick<BudgetSummary, 'amountCents' | 'usedCents'>>(
  summaries: T[],
  threshold = 0.8
) =>
  summaries
    .filter((summary) => summary.amountCents > 0 && summary.usedCents >= summary.amountCents * threshold)
    .map((summary) => ({ ...summary, percent: usedPercent(summary) as number }))
    .sort((a, b) => b.percent - a.percent);

/** Uninvoiced work summed per currency. */
export const uninvoicedTotals = (rows: UninvoicedRow[]) => {
  const totals = new Map<string, { currency: string; totalCents: number; minutes: number; projects: number }>();
  rows.forEach((row) => {
    const total = totals.get(row.currency) ?? { currency: row.currency, totalCents: 0, minutes: 0, projects: 0 };
    total.totalCents += row.totalCents;
    total.minutes += row.minutes;
    total.projects += 1;
    totals.set(row.currency, total);
  });
  return [...totals.values()];
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Monday to Sunday (ISO week, UTC dates) of the week containing `now`. */
export const currentWeek = (now: Date) => {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(midnight - weekday * 86_400_000);
  return { from: day(monday), to: day(new Date(monday.getTime() + 6 * 86_400_000)) };
};

/** The REST path of a report, JSON or CSV. */
export const reportPath = (
  report: 'time' | 'budgets' | 'uninvoiced' | 'invoices',
  options: { from?: string; to?: string; groupBy?: TimeGrouping; format?: 'json' | 'csv' } = {}
) => {
  const query = new URLSearchParams();
  if (options.from) query.set('from', options.from);
  if (options.to) query.set('to', options.to);
  if (options.groupBy) query.set('groupBy', options.groupBy);
  if (options.format === 'csv') query.set('format', 'csv');
  const text = query.toString();
  return `/reports/${report}${text ? `?${text}` : ''}`;
};

/** The file name of a CSV export, e.g. "time-by-person-2026-11-01-2026-11-30.csv". */
export const csvFileName = (report: string, options: { from?: string; to?: string; groupBy?: TimeGrouping } = {}) =>
  [report, options.groupBy ? `by-${options.groupBy}` : '', options.from ?? '', options.to ?? '']
    .filter(Boolean)
    .join('-')
    .concat('.csv');
