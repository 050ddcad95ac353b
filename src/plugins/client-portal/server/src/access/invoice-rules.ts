import { amountForMinutes } from './time-rules';

/**
 * Invoice arithmetic (docs/time-budgets-invoices.md#lines-and-totals), pure. Money is integer minor units throughout:
 * each time entry is worth its minutes × snapshotted hourly rate, rounded half up
 * to a cent on its own (as the budget summaries count it); a line sums its
 * entries; tax is subtotal × rate in basis points, rounded half up once on the
 * subtotal; total = subtotal + tax.
 */

export interface BillableEntry {
  id: number;
  documentId: string;
  minutes: number;
  rateCents: number | null;
  date: string;
  note: string | null;
  task: { id: number; title: string; hiddenFromClients?: boolean | null; deletedAt?: unknown } | null;
  budget: { id: number; name: string } | null;
  /** The budget service the work was booked on (docs/time-budgets-invoices.md#budget-services). */
  service?: { id: number; name: string } | null;
}

export interface BillableExpense {
  id: number;
  documentId: string;
  amountCents: number;
  description: string;
  date: string;
  service?: { id: number; name: string } | null;
}

export interface LineDraft {
  description: string;
  /** Hours with two decimals, or 1 for an expense. */
  quantity: number;
  unit: 'hour' | 'item';
  unitPriceCents: number;
  amountCents: number;
  timeEntry?: number;
  expense?: number;
  /** The name of the budget service the line's work was booked on, when it was. */
  service?: string;
}

export type Grouping = 'task' | 'entry';

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** Work clients may not see itemised: on a task hidden from them or in the trash (docs/visibility.md, docs/time-budgets-invoices.md). */
export const isUnitemized = (entry: Pick<BillableEntry, 'task'>): boolean =>
  Boolean(entry.task && (entry.task.hiddenFromClients || entry.task.deletedAt));

/**
 * What an unitemised line says: the budget's name, else the project's, and the service's;
 * nothing of the hidden work.
 */
export const furtherWorkDescription = (name: string, service?: string | null) =>
  service ? `${name} — ${service} — further work` : `${name} — further work`;

/** The line field naming a service: present only on work booked on one. */
const serviceField = (service: { name: string } | null | undefined) => (service ? { service: service.name } : {});

const sumMinutes = (entries: BillableEntry[]) => entries.reduce((sum, entry) => sum + entry.minutes, 0);
const sumAmounts = (entries: BillableEntry[]) =>
  entries.reduce((sum, entry) => sum + amountForMinutes(entry.rateCents, entry.minutes), 0);

/** Groups entries by a key, keeping the first-seen order (entries arrive by date). */
const groupBy = (entries: BillableEntry[], keyOf: (entry: BillableEntry) => string) => {
  const groups = new Map<string, BillableEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
};

const hourLine = (description: string, entries: BillableEntry[], timeEntry?: number): LineDraft => ({
  description,
  quantity: hours(sumMinutes(entries)),
  unit: 'hour',
  unitPriceCents: entries[0].rateCents ?? 0,
  amountCents: sumAmounts(entries),
  ...(timeEntry === undefined ? {} : { timeEntry }),
  ...serviceField(entries[0].service),
});

/**
 * Lines written for the client (docs/time-budgets-invoices.md#lines-and-totals): one per service, task and rate (entries of
 * different services or rates never share a line), or one per entry. Work on a hidden or trashed task never
 * lends its title or note to a line: it is billed per budget (or project), service and rate, on a
 * line named after the budget and service only. Expenses carry no hidden flag of their own.
 */
export const linesFor = (
  entries: BillableEntry[],
  expenses: BillableExpense[],
  grouping: Grouping,
  projectName: string
): LineDraft[] => {
  const itemised = entries.filter((entry) => !isUnitemized(entry));
  const unitemized = entries.filter(isUnitemized);
  const lines: LineDraft[] =
    grouping === 'entry'
      ? itemised.map((entry) =>
          hourLine([entry.date, entry.task?.title, entry.note].filter(Boolean).join(' — '), [entry], entry.id)
        )
      : groupBy(itemised, (entry) => `${entry.service?.id ?? 0}:${entry.task?.id ?? 0}:${entry.rateCents ?? 0}`).map(
          (group) => hourLine(group[0].task?.title ?? 'Other work', group)
        );
  for (const group of groupBy(
    unitemized,
    (entry) => `${entry.budget?.id ?? 0}:${entry.service?.id ?? 0}:${entry.rateCents ?? 0}`
  )) {
    lines.push(hourLine(furtherWorkDescription(group[0].budget?.name ?? projectName, group[0].service?.name), group));
  }
  for (const expense of expenses) {
    lines.push({
      description: `${expense.date} — ${expense.description}`,
      quantity: 1,
      unit: 'item',
      unitPriceCents: expense.amountCents,
      amountCents: expense.amountCents,
      expense: expense.id,
      ...serviceField(expense.service),
    });
  }
  return lines;
};

export const totalsOf = (lines: Pick<LineDraft, 'amountCents'>[], taxRateBasisPoints: number) => {
  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxCents = Math.floor((subtotalCents * taxRateBasisPoints + 5000) / 10000);
  return { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
};

/** INV-2026-0001: gap-free per year, four digits at least. */
export const invoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(4, '0')}`;

export const sequenceOf = (number: string | null | undefined): number => {
  const match = /^INV-\d{4}-(\d+)$/.exec(number ?? '');
  return match ? Number(match[1]) : 0;
};
