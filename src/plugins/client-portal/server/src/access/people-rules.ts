import { PORTAL_ROLES, type PersonFlags, type PortalRoleType } from '../../../shared/contracts';
import type { Actor } from './actor';
import { capabilities } from './capabilities';

/**
 * Who may invite, re-role, archive and delete whom (docs/roles-and-capabilities.md#capability-matrix).
 * Pure; the people and invitation services ask it and add the database facts
 * (last Owner, projects the actor leads).
 */

export interface RoleAndFlags extends PersonFlags {
  role: PortalRoleType;
}

const ASSIGNABLE_BY_PROJECT_MANAGERS: PortalRoleType[] = ['member', 'client-plus', 'client'];

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
  if (capabilities(actor).owner) return null;
  if (!capabilities(actor).managePeople) return 'actor';
  if (!ASSIGNABLE_BY_PROJECT_MANAGERS.includes(next.role)) return 'role';
  if (next.canManageProjects) return 'canManageProjects';
  if (next.canManageFinances) return 'canManageFinances';
  return null;
};

/** May the actor change (re-role, archive, unarchive) this person as they are now? */
export const mayManagePerson = (actor: Actor, current: RoleAndFlags): boolean => {
  if (capabilities(actor).owner) return true;
  if (!capabilities(actor).managePeople) return false;
  return ASSIGNABLE_BY_PROJECT_MANAGERS.includes(current.role) && !isMemberPlus(current);
};

/** Whether a person of this role takes a billable seat (the role's definition says so). */
export const takesSeat = (role: PortalRoleType) => PORTAL_ROLES[role].seat;
