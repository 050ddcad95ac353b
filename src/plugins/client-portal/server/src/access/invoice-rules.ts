import type { Actor } from './actor';
import { amountForMinutes } from './time-rules';

/**
 * Invoice arithmetic (SPEC §6), pure. Money is integer minor units throughout:
 * each time entry is worth its minutes × snapshotted hourly rate, rounded half up
 * to a cent on its own (as the budget summaries count it); a line sums its
 * entries; tax is subtotal × rate in basis points, rounded half up once on the
 * subtotal; total = subtotal + tax.
 */

export const managesInvoices = (actor: Actor) => actor.role === 'owner' || actor.canManageFinances;

export interface BillableEntry {
  id: number;
  documentId: string;
  minutes: number;
  rateCents: number | null;
  date: string;
  note: string | null;
  task: { id: number; title: string } | null;
}

export interface BillableExpense {
  id: number;
  documentId: string;
  amountCents: number;
  description: string;
  date: string;
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
}

export type Grouping = 'task' | 'entry';

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** One line per task and rate (entries at different rates never share a line), or one per entry. */
export const linesFor = (entries: BillableEntry[], expenses: BillableExpense[], grouping: Grouping): LineDraft[] => {
  const lines: LineDraft[] = [];
  if (grouping === 'entry') {
    for (const entry of entries) {
      lines.push({
        description: [entry.date, entry.task?.title, entry.note].filter(Boolean).join(' — '),
        quantity: hours(entry.minutes),
        unit: 'hour',
        unitPriceCents: entry.rateCents ?? 0,
        amountCents: amountForMinutes(entry.rateCents, entry.minutes),
        timeEntry: entry.id,
      });
    }
  } else {
    const groups = new Map<string, { title: string; rate: number; entries: BillableEntry[] }>();
    for (const entry of entries) {
      const rate = entry.rateCents ?? 0;
      const key = `${entry.task?.id ?? 0}:${rate}`;
      const group = groups.get(key) ?? { title: entry.task?.title ?? 'Other work', rate, entries: [] };
      group.entries.push(entry);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      lines.push({
        description: group.title,
        quantity: hours(group.entries.reduce((sum, entry) => sum + entry.minutes, 0)),
        unit: 'hour',
        unitPriceCents: group.rate,
        amountCents: group.entries.reduce((sum, entry) => sum + amountForMinutes(entry.rateCents, entry.minutes), 0),
      });
    }
  }
  for (const expense of expenses) {
    lines.push({
      description: `${expense.date} — ${expense.description}`,
      quantity: 1,
      unit: 'item',
      unitPriceCents: expense.amountCents,
      amountCents: expense.amountCents,
      expense: expense.id,
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
