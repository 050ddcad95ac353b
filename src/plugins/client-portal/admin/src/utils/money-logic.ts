/** Pure logic of the Budgets and Invoices pages (tested without a browser). */
import type { BudgetAccessProject } from '../../../shared/contracts';

/** Projects on the Budgets page at once: each budget card loads its own burn chart. */
export const BUDGET_PROJECTS_PAGE_SIZE = 5;

/**
 * The projects with budgets whose project, company or budget name contains the search (any case);
 * a project found by its name or company keeps all its budgets, else only the matching ones.
 */
export const searchBudgets = (projects: BudgetAccessProject[], query: string): BudgetAccessProject[] => {
  const needle = query.trim().toLocaleLowerCase();
  const has = (text: string | null) => Boolean(text?.toLocaleLowerCase().includes(needle));
  return projects
    .filter((project) => project.budgets.length > 0)
    .map((project) =>
      !needle || has(project.name) || has(project.company)
        ? project
        : { ...project, budgets: project.budgets.filter((budget) => has(budget.name)) }
    )
    .filter((project) => project.budgets.length > 0);
};

const DAY = 24 * 60 * 60 * 1000;

/** Minutes as hours with at most one decimal: 90 → "1.5 h". */
export const formatHours = (minutes: number, locale: string): string =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60)} h`;

/** "2026-11-24" in the admin's locale, read as a calendar day (no time zone shift). */
export const formatDay = (day: string | null | undefined, locale: string): string => {
  if (!day) return '—';
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date))
  );
};

const toTime = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
export const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export interface BurnDay {
  date: string;
  minutes: number;
  cents: number;
}

export interface BurnPoint {
  date: string;
  /** Cumulative, up to and including this day. */
  usedCents: number;
  usedMinutes: number;
  amountCents: number;
}

/**
 * The burn chart's series: cumulative used per day with work, sorted, starting at
 * zero on the budget's start (or the day before the first work) so the line rises from 0,
 * and optionally flat on to `until`.
 */
export const burnSeries = (
  days: BurnDay[],
  amountCents: number,
  startsOn?: string | null,
  /** Carry the last total on to this day (today), so the chart shows the pace up to now. */
  until?: string | null
): BurnPoint[] => {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  if (sorted.length === 0) return [];
  const first = sorted[0].date;
  const origin = startsOn && startsOn < first ? startsOn.slice(0, 10) : isoDay(toTime(first) - DAY);
  const points: BurnPoint[] = [{ date: origin, usedCents: 0, usedMinutes: 0, amountCents }];
  let usedCents = 0;
  let usedMinutes = 0;
  for (const day of sorted) {
    usedCents += day.cents;
    usedMinutes += day.minutes;
    const last = points[points.length - 1];
    if (last.date === day.date) Object.assign(last, { usedCents, usedMinutes });
    else points.push({ date: day.date, usedCents, usedMinutes, amountCents });
  }
  if (until && until > points[points.length - 1].date)
    points.push({ date: until, usedCents, usedMinutes, amountCents });
  return points;
};

export type Forecast =
  | { kind: 'none' }
  | { kind: 'exhausted' }
  | { kind: 'within' }
  | { kind: 'runsOut'; date: string };

/**
 * At the current pace (used so far over the days since the budget started, or since
 * its first work), when does the budget run out? "within" when that is after the
 * budget's end, or when nothing is being used.
 */
export const forecast = (input: {
  amountCents: number;
  usedCents: number;
  startsOn?: string | null;
  endsOn?: string | null;
  firstWork?: string | null;
  today: string;
}): Forecast => {
  const { amountCents, usedCents, today } = input;
  if (usedCents >= amountCents && amountCents >= 0 && usedCents > 0) return { kind: 'exhausted' };
  const start = input.startsOn ?? input.firstWork;
  if (usedCents <= 0 || !start) return input.endsOn ? { kind: 'within' } : { kind: 'none' };
  const elapsedDays = Math.max(1, Math.round((toTime(today) - toTime(start)) / DAY) + 1);
  const perDay = usedCents / elapsedDays;
  const daysLeft = Math.floor((amountCents - usedCents) / perDay);
  const date = isoDay(toTime(today) + daysLeft * DAY);
  if (input.endsOn && date > input.endsOn.slice(0, 10)) return { kind: 'within' };
  return { kind: 'runsOut', date };
};

/** Used share of a budget for the progress bar, 0–100 (capped), null without an amount. */
export const usedPercent = (usedCents: number, amountCents: number): number | null =>
  amountCents > 0 ? Math.min(100, Math.round((usedCents * 100) / amountCents)) : null;

/** Who may flip a budget's client access (docs/time-budgets-invoices.md#what-clients-see-of-budgets-and-time): Owner, Member+ F, the project's leader. */
export const canSetClientAccess = (
  person: { id: number; role: string; canManageFinances: boolean } | null | undefined,
  leaderId: number | null | undefined
): boolean =>
  Boolean(
    person &&
      (person.role === 'owner' || (person.role === 'member' && (person.canManageFinances || person.id === leaderId)))
  );

export const INVOICE_STATES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

export interface InvoiceFilters {
  state?: string | null;
  company?: string | null;
  page: number;
  pageSize: number;
}

/** The REST query of the invoice list: filters, newest first, company/project names, paging. */
export const invoiceListQuery = ({ state, company, page, pageSize }: InvoiceFilters): string => {
  const params = new URLSearchParams();
  if (state) params.set('filters[state][$eq]', state);
  if (company) params.set('filters[company][documentId][$eq]', company);
  params.set('sort[0]', 'createdAt:desc');
  params.set('populate[company][fields][0]', 'name');
  params.set('populate[project][fields][0]', 'name');
  params.set('pagination[page]', String(page));
  params.set('pagination[pageSize]', String(pageSize));
  return `/invoices?${params.toString()}`;
};

/** Badge colours per state. */
const STATE_TONES = {
  draft: { textColor: 'neutral700', backgroundColor: 'neutral150' },
  issued: { textColor: 'primary700', backgroundColor: 'primary100' },
  paid: { textColor: 'success700', backgroundColor: 'success100' },
  void: { textColor: 'danger700', backgroundColor: 'danger100' },
  sent: { textColor: 'primary700', backgroundColor: 'primary100' },
  accepted: { textColor: 'success700', backgroundColor: 'success100' },
  declined: { textColor: 'danger700', backgroundColor: 'danger100' },
  expired: { textColor: 'warning700', backgroundColor: 'warning100' },
} as const;
type Tone = { [State in keyof typeof STATE_TONES]: (typeof STATE_TONES)[State] }[keyof typeof STATE_TONES];
const TONE_BY_STATE: Partial<Record<string, Tone>> = STATE_TONES;
const NEUTRAL_TONE: Tone = STATE_TONES.draft;

export const stateTone = (state: string): Tone => TONE_BY_STATE[state] ?? NEUTRAL_TONE;

/** The actions an invoice in a state offers (docs/time-budgets-invoices.md#lifecycle). */
export const invoiceActions = (state: string) => ({
  edit: state === 'draft',
  issue: state === 'draft',
  markPaid: state === 'issued',
  void: state === 'draft' || state === 'issued',
});

/** "19" or "19,5" (percent, the admin's input) → basis points (1900, 1950); null when not a rate. */
export const percentToBasisPoints = (input: string): number | null => {
  const text = input.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const basisPoints = Math.round(Number(text) * 100);
  return basisPoints <= 10000 ? basisPoints : null;
};

/** The generate form's input as the API wants it, or the fields that are wrong. */
export const generatePayload = (form: {
  project: string;
  from: string;
  to: string;
  grouping: string;
  taxRate: string;
  includeExpenses: boolean;
}):
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; errors: Partial<Record<'project' | 'from' | 'to' | 'taxRate', string>> } => {
  const errors: Partial<Record<'project' | 'from' | 'to' | 'taxRate', string>> = {};
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!form.project) errors.project = 'required';
  if (!day.test(form.from)) errors.from = 'date';
  if (!day.test(form.to)) errors.to = 'date';
  else if (day.test(form.from) && form.from > form.to) errors.to = 'order';
  const taxRateBasisPoints = percentToBasisPoints(form.taxRate || '0');
  if (taxRateBasisPoints === null) errors.taxRate = 'rate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      project: form.project,
      from: form.from,
      to: form.to,
      grouping: form.grouping === 'entry' ? 'entry' : 'task',
      includeExpenses: form.includeExpenses,
      taxRateBasisPoints,
    },
  };
};

/** The first and last day of the month before `today`: the usual invoicing period. */
export const lastMonth = (today: string): { from: string; to: string } => {
  const [year, month] = today.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 2, 1));
  const last = new Date(Date.UTC(year, month - 1, 0));
  return { from: isoDay(first.getTime()), to: isoDay(last.getTime()) };
};

const QUANTITY_UNITS: Record<string, string> = { hour: 'h', day: 'd' };

/** A line's quantity for display: hours with up to two decimals, items as whole numbers. */
export const formatQuantity = (quantity: number | string, unit: string, locale: string): string =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(quantity))} ${QUANTITY_UNITS[unit] ?? '×'}`;
