import { totalsOf } from './invoice-rules';

/**
 * Estimate arithmetic and numbering (docs/time-budgets-invoices.md#estimates), pure. A line's
 * amount is quantity × unit price rounded half up to a cent; subtotal, tax and total as on
 * invoices (`totalsOf`: tax half up once on the subtotal).
 */

export interface EstimateLineInput {
  quantity: number | string;
  unitPriceCents: number | string;
}

/** Quantities are counted to four decimals (the most a decimal column keeps for a quantity here). */
const QUANTITY_SCALE = BigInt(10_000);
const HALF = BigInt(5_000);

/** quantity × unit price, half up, in integer arithmetic (no float drift on 1.005 × 100). */
export const lineAmount = (quantity: number | string, unitPriceCents: number | string): number | null => {
  const price = Number(unitPriceCents);
  const amount = Number(quantity);
  if (!Number.isSafeInteger(price) || price < 0 || !Number.isFinite(amount) || amount < 0) return null;
  const scaled = BigInt(Math.round(amount * Number(QUANTITY_SCALE)));
  const cents = (scaled * BigInt(price) + HALF) / QUANTITY_SCALE;
  return cents > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(cents);
};

/**
 * The lines with their amounts counted and the estimate's totals; `null` when a line's
 * quantity or price is no usable number (validation then answers for the field).
 */
export const estimateTotals = <T extends EstimateLineInput>(lines: T[], taxRateBasisPoints: number) => {
  const counted = lines.map((line) => ({ ...line, amountCents: lineAmount(line.quantity, line.unitPriceCents) }));
  if (!Number.isSafeInteger(taxRateBasisPoints) || counted.some((line) => line.amountCents === null)) return null;
  const withAmounts = counted as (T & { amountCents: number })[];
  return { lines: withAmounts, ...totalsOf(withAmounts, taxRateBasisPoints) };
};

/** EST-2026-0001: gap-free per year, four digits at least, given when first sent. */
export const estimateNumber = (year: number, sequence: number) => `EST-${year}-${String(sequence).padStart(4, '0')}`;

export const estimateSequenceOf = (number: string | null | undefined): number => {
  const match = /^EST-\d{4}-(\d+)$/.exec(number ?? '');
  return match ? Number(match[1]) : 0;
};

/** A sent estimate may be answered through its validUntil day (UTC); the day after, it is expired. */
export const isPastValidity = (validUntil: string | null | undefined, today: string): boolean =>
  Boolean(validUntil) && String(validUntil) < today;
