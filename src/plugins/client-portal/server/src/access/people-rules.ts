import type { PersonFlags, PortalRoleType } from '../../../shared/contracts';
import type { Actor } from './actor';

/**
 * Who may invite, re-role, archive and delete whom (SPEC §3 capability matrix).
 * Pure; the people and invitation services ask it and add the database facts
 * (last Owner, projects the actor leads).
 */

export interface RoleAndFlags extends PersonFlags {
  role: PortalRoleType;
}

const ASSIGNABLE_BY_PROJECT_MANAGERS: PortalRoleType[] = ['member', 'client-plus', 'client'];

export const isOwner = (actor: Actor) => actor.role === 'owner';
export const managesPeople = (actor: Actor) => actor.role === 'owner' || actor.canManageProjects;
export const managesFinances = (actor: Actor) => actor.role === 'owner' || actor.canManageFinances;
export const isMemberPlus = (person: RoleAndFlags) =>
  person.role === 'member' && (person.canManageProjects || person.canManageFinances);

/** Flags mean something on some roles only: the fields that are set where they must not be. */
export const misplacedFlags = (next: RoleAndFlags): (keyof PersonFlags)[] => [
  ...(next.role !== 'member' && next.canManageProjects ? (['canManageProjects'] as const) : []),
  ...(next.role !== 'member' && next.canManageFinances ? (['canManageFinances'] as const) : []),
  ...(next.clientManager && next.role !== 'client' && next.role !== 'client-plus' ? (['clientManager'] as const) : []),
];

/**
 * May the actor give someone this role and these flags (by invitation or change)?
 * Returns the name of the offending field, or null when allowed.
 */
export const refusedAssignment = (actor: Actor, next: RoleAndFlags): keyof RoleAndFlags | 'actor' | null => {
  if (isOwner(actor)) return null;
  if (!actor.canManageProjects) return 'actor';
  if (!ASSIGNABLE_BY_PROJECT_MANAGERS.includes(next.role)) return 'role';
  if (next.canManageProjects) return 'canManageProjects';
  if (next.canManageFinances) return 'canManageFinances';
  return null;
};

/** May the actor change (re-role, archive, unarchive) this person as they are now? */
export const mayManagePerson = (actor: Actor, current: RoleAndFlags): boolean => {
  if (isOwner(actor)) return true;
  if (!actor.canManageProjects) return false;
  return ASSIGNABLE_BY_PROJECT_MANAGERS.includes(current.role) && !isMemberPlus(current);
};

export const takesSeat = (role: PortalRoleType) => role !== 'client';

/** What `GET /api/client-portal/me` tells a person they can do (SPEC §3). */
export const capabilitiesOf = (actor: Actor) => {
  const staff = actor.role === 'owner' || actor.role === 'member';
  return {
    seeAllProjects: actor.role === 'owner',
    createProjects: actor.role === 'owner' || actor.canManageProjects,
    invitePeople: managesPeople(actor),
    seeSeats: managesPeople(actor),
    deletePeople: isOwner(actor),
    seeHiddenItems: staff,
    editTasks: actor.role !== 'client',
    logTime: staff,
    seeFinancials: managesFinances(actor),
    manageInvoices: managesFinances(actor),
    seeInvoices: managesFinances(actor) || actor.clientManager,
    reports: actor.role === 'owner' || actor.canManageProjects || actor.canManageFinances,
  };
};
