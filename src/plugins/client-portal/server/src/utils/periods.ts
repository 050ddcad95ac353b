/**
 * Calendar arithmetic of the scheduled job (docs/time-budgets-invoices.md#recurring-invoices,
 * docs/collaboration.md#scheduled-client-reports), pure, on ISO days (YYYY-MM-DD) in UTC.
 */

import { addDays } from './calendar';

export { addDays };

export type RecurrenceInterval = 'month' | 'quarter' | 'year';
export type ReportFrequency = 'weekly' | 'monthly';

const MONTHS: Record<RecurrenceInterval, number> = { month: 1, quarter: 3, year: 12 };

const parts = (day: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) throw new Error(`Not an ISO day: ${day}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
};

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const format = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date as the ISO day it falls on in UTC. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A day column as stored (SQLite: text, PostgreSQL: a Date at local midnight) as an ISO day. */
export const dayOf = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return format(value.getFullYear(), value.getMonth() + 1, value.getDate());
  if (typeof value === 'number') return isoDay(new Date(value));
  return String(value).slice(0, 10);
};

/**
 * `count` months after `anchor`, on the anchor's day of month clamped to the month's length:
 * from Jan 31, one month is Feb 28 (29), two months Mar 31. Counting from the anchor (never
 * from the clamped date) keeps the 31st after a short month.
 */
export const addMonths = (anchor: string, count: number): string => {
  const { year, month, day } = parts(anchor);
  const index = year * 12 + (month - 1) + count;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
};

/** The first date of the anchor's schedule (anchor, anchor + interval, …) that comes after `after`. */
export const nextOccurrence = (anchor: string, interval: RecurrenceInterval, after: string): string => {
  const step = MONTHS[interval];
  const from = parts(anchor);
  const to = parts(after);
  // A lower bound on the periods between them, then forward to the first one past `after`.
  let count = Math.max(0, Math.floor(((to.year - from.year) * 12 + (to.month - from.month)) / step) - 1);
  let candidate = addMonths(anchor, count * step);
  while (candidate <= after) {
    count += 1;
    candidate = addMonths(anchor, count * step);
  }
  return candidate;
};

/** Monday of the ISO week `day` falls in. */
const mondayOf = (day: string): string => {
  const { year, month, day: date } = parts(day);
  const weekday = (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
};

/**
 * Client reports cover whole calendar weeks (Monday to Sunday) or months, and are sent on
 * the first day after the period. The first report of a schedule is due at the start of
 * the next period after `today` (a report never covers time before it was switched on).
 */
export const firstReportOn = (frequency: ReportFrequency, today: string): string =>
  frequency === 'weekly' ? addDays(mondayOf(today), 7) : addMonths(`${today.slice(0, 7)}-01`, 1);

/** The period a report sent on `sendOn` covers: the week or month that ended the day before. */
export const reportPeriod = (frequency: ReportFrequency, sendOn: string): { from: string; to: string } => {
  const to = addDays(sendOn, -1);
  const from = frequency === 'weekly' ? mondayOf(to) : `${to.slice(0, 7)}-01`;
  return { from, to };
};

/** The latest period whose report is due by `today` (its send day is on or before today). */
export const latestDueReport = (frequency: ReportFrequency, nextOn: string, today: string): string => {
  if (nextOn > today) return nextOn;
  const latest = frequency === 'weekly' ? mondayOf(today) : `${today.slice(0, 7)}-01`;
  return latest >= nextOn ? latest : nextOn;
};
