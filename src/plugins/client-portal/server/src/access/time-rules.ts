import type { Actor } from './actor';
import { capabilities, isStaffRole } from './capabilities';
import { and, memberOfProject, NOTHING, type RowFilter } from './rules';
import { TIME_ENTRY } from '../constants';

/**
 * The time and money rules of docs/time-budgets-invoices.md that are not row visibility: who logs
 * time for whom, who approves what, which state a write leaves an entry in,
 * and how an entry's rate and cost are snapshotted. Pure, like rules.ts.
 */

export type EntryState = 'pending' | 'approved' | 'rejected';

/** What the approval rule needs to know about one entry and its project. */
export interface ApprovalSubject {
  personId: number | null;
  project: {
    leaderId: number | null;
    memberIds: readonly number[];
    companyId: number | null;
    clientsCanApproveTime: boolean;
  };
}

export type ApprovalVerdict = 'allowed' | 'own-entry' | 'not-an-approver';

/**
 * docs/time-budgets-invoices.md#approval: the project leader, an Owner, a Member+ F on the project, or, when the
 * project has `clientsCanApproveTime`, a Client Manager of the project's company
 * who is a project member. Nobody approves their own entry.
 */
export const approvalVerdict = (actor: Actor, subject: ApprovalSubject): ApprovalVerdict => {
  const { project } = subject;
  const can = capabilities(actor);
  const onProject = project.memberIds.includes(actor.id);
  const approver =
    can.owner ||
    (can.staff && (project.leaderId === actor.id || (can.manageFinances && onProject))) ||
    (can.clientManager &&
      project.clientsCanApproveTime &&
      onProject &&
      actor.companyId !== null &&
      project.companyId === actor.companyId);
  if (!approver) return 'not-an-approver';
  return subject.personId === actor.id ? 'own-entry' : 'allowed';
};

/**
 * The same rule as a row filter, to find the entries an actor may act on (for
 * clients these include pending entries their read rules never show).
 * Own entries are left in: refusing them is a 403, not a 404.
 */
export const approvableRows = (actor: Actor, uid?: string): RowFilter =>
  and(
    approverRows(actor),
    // Clients never reach work on hidden or trashed tasks.
    capabilities(actor).client && uid === TIME_ENTRY
      ? { task: { $or: [{ id: { $null: true } }, { hiddenFromClients: { $eq: false }, deletedAt: { $null: true } }] } }
      : null
  );

const approverRows = (actor: Actor): RowFilter => {
  const me = { $eq: actor.id };
  const can = capabilities(actor);
  if (can.owner) return null;
  if (can.staff) {
    const leads = { project: { leader: { id: me } } };
    const member = can.manageFinances ? memberOfProject(actor) : null;
    return member ? { $or: [leads, { project: member }] } : leads;
  }
  if (!actor.clientManager || actor.companyId === null) return NOTHING;
  const member = memberOfProject(actor);
  if (!member) return NOTHING;
  return {
    project: {
      clientsCanApproveTime: { $eq: true },
      ...member,
      company: { id: { $eq: actor.companyId } },
    },
  };
};

/** Own entries always; for others: Owners, Member+ F ("manage time and finances") and the project's leader. */
export const mayLogFor = (actor: Actor, personId: number, leadsProject: boolean): boolean =>
  capabilities(actor).logFor(personId, leadsProject);

/** Only agency people log time and expenses (docs/roles-and-capabilities.md: "log their own time and expenses"). */
export const logsTime = (role: string | null | undefined): boolean => isStaffRole(role);

/** After a create or an edit: approved unless the project requires approval (docs/time-budgets-invoices.md#approval). */
export const stateAfterWrite = (requireTimeApproval: boolean): EntryState =>
  requireTimeApproval ? 'pending' : 'approved';

/** Minutes × hourly cents, rounded half up to a whole cent (the same arithmetic the SQL summaries use). */
export const amountForMinutes = (hourlyCents: number | null | undefined, minutes: number): number =>
  Math.floor(((hourlyCents ?? 0) * minutes + 30) / 60);

/**
 * The rate snapshotted on a time entry: the budget's override, else the person's rate; with a
 * service, the service's override before both (docs/time-budgets-invoices.md#time-entries, #budget-services).
 */
export const snapshotRate = (
  budgetRateCents: number | null | undefined,
  personRateCents: number | null | undefined,
  serviceRateCents?: number | null
) => serviceRateCents ?? budgetRateCents ?? personRateCents ?? null;

/**
 * Time entries counted in a budget summary or a timesheet for this actor, on top
 * of their read rules: people without the financial capability see non-billable
 * time only when it is their own (docs/visibility.md#field-rules: non-billable/worked time is financial).
 */
export const countedTime = (actor: Actor, visible: RowFilter): RowFilter =>
  capabilities(actor).manageFinances
    ? visible
    : and(visible, { $or: [{ person: { id: { $eq: actor.id } } }, { billable: true }] });
