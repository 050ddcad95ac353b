/** Invoice shapes shared by the server, its PDF and the admin pages (docs/time-budgets-invoices.md#invoices). */

export type InvoiceState = 'draft' | 'issued' | 'paid' | 'void';

/** An invoice's money: integer minor units of its currency; tax in basis points (1900 = 19 %). */
export interface InvoiceAmounts {
  currency: string;
  subtotalCents: number;
  taxRateBasisPoints: number;
  taxCents: number;
  totalCents: number;
}

export interface InvoiceDates {
  number: string | null;
  issuedOn: string | null;
  dueOn: string | null;
}

export interface InvoiceLine {
  id: number;
  description: string;
  /** Hours with two decimals, or a count; a decimal column arrives as a string. */
  quantity: number | string;
  unit: string;
  unitPriceCents: number;
  amountCents: number;
  /** The budget service the line's work was booked on (docs/time-budgets-invoices.md#budget-services). */
  service?: string | null;
}

/** An invoice as REST answers it (`GET /api/invoices`, with company, project and lines populated). */
export interface Invoice extends InvoiceAmounts, InvoiceDates {
  documentId: string;
  state: InvoiceState;
  paidOn: string | null;
  sentAt: string | null;
  /** Why the email with the PDF failed (staff only); retry with …/send. */
  sendError?: string | null;
  company?: { documentId: string; name: string } | null;
  project?: { documentId: string; name: string } | null;
  lines?: InvoiceLine[];
}
