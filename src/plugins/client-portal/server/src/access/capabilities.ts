import type { Actor } from './actor';
import { BUDGET, BUDGET_SERVICE, EXPENSE, INVOICE, RECURRING_INVOICE, TIME_ENTRY } from '../constants';

/**
 * Every role decision of the capability matrix (docs/roles-and-capabilities.md) in one place. The row
 * rules, the services and the controllers ask `capabilities(actor)`; none of them
 * compares roles or flags itself. Pure.
 */

export type ReportName = 'time' | 'budgets' | 'uninvoiced' | 'invoices';

/** Reports about money: Owners and Member+ "time and finances". The others: Owners and Member+ "projects". */
export const FINANCIAL_REPORTS: ReadonlySet<ReportName> = new Set(['budgets', 'uninvoiced', 'invoices']);

/** Types whose activity is about money: staff business, never in a client's feed. */
export const FINANCIAL_TYPES: ReadonlySet<string> = new Set([
  BUDGET,
  BUDGET_SERVICE,
  TIME_ENTRY,
  EXPENSE,
  INVOICE,
  RECURRING_INVOICE,
]);

export interface Capabilities {
  owner: boolean;
  /** Agency people: Owners and Members. */
  staff: boolean;
  /** Client and Client+ (a Client Manager is either, with the flag). */
  client: boolean;
  clientManager: boolean;
  /** Owners and Member+ "projects": companies, projects, people of the projects they lead. */
  manageProjects: boolean;
  /** Owners and Member+ "time and finances": financial fields, rates, invoices, every entry. */
  manageFinances: boolean;
  /** Invite, re-role and archive people (within `refusedAssignment`). */
  managePeople: boolean;
  /** Only Owners delete people, purge the trash, change the settings and link admin accounts. */
  deletePeople: boolean;
  purgeTrash: boolean;
  manageSettings: boolean;
  linkAdmins: boolean;
  /** Every project, not only those the person is a member of. */
  seeAllProjects: boolean;
  /** Hidden-from-clients items, the trash. */
  seeHiddenItems: boolean;
  editTasks: boolean;
  logTime: boolean;
  /** Approve entries on projects they lead (Member+ F and Owners: more, see `approvalVerdict`). */
  approve: boolean;
  seeInvoices: boolean;
  /** Any report at all. */
  reports: boolean;
  readReport: (report: ReportName) => boolean;
  /** Open "View as client" (whom: `mayPreview`). */
  preview: boolean;
  /** Log time for someone else on a project: Owners, Member+ F, the project's leader. */
  logFor: (personId: number, leadsProject: boolean) => boolean;
  /** Switch a budget's client access: Owners, Member+ F, the project's leader. */
  shareBudget: (leadsProject: boolean) => boolean;
}

const cache = new WeakMap<Actor, Capabilities>();

export const capabilities = (actor: Actor): Capabilities => {
  const known = cache.get(actor);
  if (known) return known;
  const owner = actor.role === 'owner';
  const staff = isStaffRole(actor.role);
  const client = isClientRole(actor.role);
  const manageProjects = owner || (actor.role === 'member' && actor.canManageProjects);
  const manageFinances = owner || (actor.role === 'member' && actor.canManageFinances);
  const clientManager = client && actor.clientManager;
  const computed: Capabilities = {
    owner,
    staff,
    client,
    clientManager,
    manageProjects,
    manageFinances,
    managePeople: manageProjects,
    deletePeople: owner,
    purgeTrash: owner,
    manageSettings: owner,
    linkAdmins: owner,
    seeAllProjects: owner,
    seeHiddenItems: staff,
    editTasks: actor.role !== 'client',
    logTime: staff,
    approve: staff,
    seeInvoices: manageFinances || clientManager,
    reports: manageProjects || manageFinances,
    readReport: (report) => (FINANCIAL_REPORTS.has(report) ? manageFinances : manageProjects),
    preview: staff,
    logFor: (personId, leadsProject) => personId === actor.id || manageFinances || (staff && leadsProject),
    shareBudget: (leadsProject) => manageFinances || (staff && leadsProject),
  };
  cache.set(actor, computed);
  return computed;
};

export const isStaff = (actor: Actor) => capabilities(actor).staff;
export const isClient = (actor: Actor) => capabilities(actor).client;

/** Whom a staff person may "view as": Owners anyone they see, a project leader the clients of projects they lead. */
export const mayPreview = (actor: Actor, target: { role: string | undefined; leadsTheirProject: boolean }) =>
  capabilities(actor).owner || (capabilities(actor).staff && isClientRole(target.role) && target.leadsTheirProject);

/** Role types, for people who are not the actor (a preview target, a mail recipient): the roles' two groups. */
export const isClientRole = (role: string | null | undefined) => role === 'client' || role === 'client-plus';
export const isStaffRole = (role: string | null | undefined) => role === 'owner' || role === 'member';

/** What `GET /api/client-portal/me` tells a person they can do (docs/roles-and-capabilities.md): the contract's names. */
export const capabilitiesOf = (actor: Actor) => {
  const can = capabilities(actor);
  return {
    seeAllProjects: can.seeAllProjects,
    createProjects: can.manageProjects,
    invitePeople: can.managePeople,
    seeSeats: can.managePeople,
    deletePeople: can.deletePeople,
    seeHiddenItems: can.seeHiddenItems,
    editTasks: can.editTasks,
    logTime: can.logTime,
    seeFinancials: can.manageFinances,
    manageInvoices: can.manageFinances,
    seeInvoices: can.seeInvoices,
    reports: can.reports,
  };
};
