/** Request and response shapes of the time, approval and budget endpoints (docs/time-budgets-invoices.md). */

/** `error.details.code` of the 409 answered when a budget's entries are in more than one currency. */
export const MIXED_CURRENCIES = 'MIXED_CURRENCIES';
/** `error.details.code` of the 409 answered when an invoiced entry would change. */
export const ENTRY_INVOICED = 'ENTRY_INVOICED';

/** `POST /api/time-entries/approve` and `/api/expenses/approve`: several entries at once, all or none. */
export interface BulkApprovalInput {
  documentIds: string[];
}

/** `…/reject`: the reason is required. */
export interface RejectionInput {
  reason: string;
}

export interface ApprovalResult {
  documentId: string;
  state: 'pending' | 'approved' | 'rejected';
  approvedAt: string | null;
  approvedBy: { id: number; documentId: string } | null;
  rejectionReason: string | null;
}

/** `GET /api/client-portal/approvals?type=time-entries|expenses`: pending entries waiting for the caller. */
export interface QueuedEntry {
  documentId: string;
  date: string;
  billable: boolean;
  minutes?: number;
  note?: string | null;
  description?: string;
  amountCents?: number;
  currency?: string;
  person: { id: number; documentId: string; firstName: string | null; lastName: string | null } | null;
  project: { documentId: string; name: string } | null;
  task?: { documentId: string; title: string } | null;
}

export interface ApprovalQueue {
  data: QueuedEntry[];
  meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number } };
}

/** `GET /api/budgets/:documentId/burn`: approved billable work on a budget per day (the admin burn chart). */
export interface BudgetBurn {
  documentId: string;
  currency: string;
  amountCents: number;
  startsOn: string | null;
  endsOn: string | null;
  /** Days with work, ascending; cents = time at its snapshotted rates plus expenses. */
  days: { date: string; minutes: number; cents: number }[];
}

/**
 * The work of one part of a budget (a service, or the work booked on no service), counted as
 * the budget's summary counts it: the parts add up to the budget's figures.
 */
export interface BudgetWorkFigures {
  /** Approved billable time (minutes × snapshotted rate) plus approved billable expenses. */
  usedCents: number;
  timeCents: number;
  expensesCents: number;
  billableMinutes: number;
  /**
   * Part of the above that clients see only as a total (work on tasks hidden from them):
   * their itemised entries add up to billableMinutes − unitemizedMinutes.
   */
  unitemizedMinutes: number;
  unitemizedCents: number;
  /** Financial viewers only (docs/visibility.md#field-rules). */
  workedMinutes?: number;
  costCents?: number;
  profitCents?: number;
  /** Profit over used, one decimal; null while nothing is used. */
  marginPercent?: number | null;
}

/** One service of a budget (docs/time-budgets-invoices.md#budget-services) in its summary. */
export interface BudgetServiceSummary extends BudgetWorkFigures {
  documentId: string;
  name: string;
  position: number;
  /** The cap of the service's billable amount; null: no cap. */
  capCents: number | null;
  /** capCents − usedCents (negative: over the cap); null without a cap. */
  remainingCents: number | null;
  /** The service's rate override: financial viewers only. */
  hourlyRateCents?: number | null;
}

/** `GET /api/budgets/:documentId/summary`. Money in integer minor units of `currency`. */
export interface BudgetSummary extends BudgetWorkFigures {
  documentId: string;
  name: string;
  kind: string;
  currency: string;
  amountCents: number;
  /** May be negative: the budget is overspent. */
  remainingCents: number;
  /** Only on a budget split into services: its services (by position, then name) … */
  services?: BudgetServiceSummary[];
  /** … and the work booked on none of them. */
  unassigned?: BudgetWorkFigures;
}

/** `GET /api/timesheets`: one row per person and day. */
export interface TimesheetRow {
  person: { id: number; documentId: string; firstName: string | null; lastName: string | null };
  date: string;
  minutes: number;
  billableMinutes: number;
}

export interface Timesheet {
  data: TimesheetRow[];
  meta: { from: string; to: string; totalMinutes: number; totalBillableMinutes: number };
}
