import { isPortalRoleType, type PortalRoleType } from '../../../shared/contracts';
import { isClientRole } from './capabilities';

/** The signed-in portal person a content-API request acts for. */
export interface Actor {
  id: number;
  documentId: string;
  role: PortalRoleType;
  companyId: number | null;
  canManageProjects: boolean;
  canManageFinances: boolean;
  clientManager: boolean;
  /**
   * The projects the actor is a member of, loaded once per request with the person
   * (bootstrap.ts): the rules filter on these ids instead of joining the members.
   * Absent when not loaded: the rules then check membership with a join.
   */
  projectIds?: readonly number[];
  /** Set for an admin-panel user acting through the plugin's admin routes (no portal person behind it). */
  administrator?: string;
}

/**
 * An admin-panel user on the plugin's admin routes: Owner rights (the admin
 * permissions decide what they reach), no portal person — `id` 0 is nobody.
 */
export const adminActor = (admin: { firstname?: string | null; lastname?: string | null; email?: string }): Actor => ({
  id: 0,
  documentId: '',
  role: 'owner',
  companyId: null,
  canManageProjects: false,
  canManageFinances: false,
  clientManager: false,
  projectIds: [],
  administrator: [admin.firstname, admin.lastname].filter(Boolean).join(' ') || admin.email || 'An administrator',
});

export interface AuthenticatedUser {
  id: number;
  documentId?: string;
  role?: { type?: string } | null;
  company?: { id: number } | number | null;
  canManageProjects?: boolean | null;
  canManageFinances?: boolean | null;
  clientManager?: boolean | null;
}

/** Project ids loaded with a person row (`withProjectIds`), kept beside it: the row itself is unchanged. */
const loadedProjectIds = new WeakMap<object, readonly number[]>();

/** Records the ids of the projects a loaded person is a member of, for `toActor`. */
export const withProjectIds = <T extends object>(person: T, projectIds: readonly number[]): T => {
  loadedProjectIds.set(person, Object.freeze([...projectIds]));
  return person;
};

/** The actor of each loaded person row: a request's user row gives one Actor for the whole request. */
const actors = new WeakMap<object, Actor | null>();

export const toActor = (user: AuthenticatedUser): Actor | null => {
  if (actors.has(user)) return actors.get(user) ?? null;
  const actor = buildActor(user);
  actors.set(user, actor);
  return actor;
};

const buildActor = (user: AuthenticatedUser): Actor | null => {
  const role = user.role?.type;
  if (!isPortalRoleType(role)) return null;
  const company = typeof user.company === 'object' ? (user.company?.id ?? null) : (user.company ?? null);
  const projectIds = loadedProjectIds.get(user);
  return {
    id: user.id,
    documentId: user.documentId ?? '',
    role,
    companyId: company,
    canManageProjects: role === 'member' && Boolean(user.canManageProjects),
    canManageFinances: role === 'member' && Boolean(user.canManageFinances),
    clientManager: isClientRole(role) && Boolean(user.clientManager),
    ...(projectIds ? { projectIds } : {}),
  };
};

/** The same actor with one more project: who creates a project is always one of its members. */
export const withJoinedProject = (actor: Actor, projectId: number): Actor =>
  actor.projectIds && !actor.projectIds.includes(projectId)
    ? { ...actor, projectIds: Object.freeze([...actor.projectIds, projectId]) }
    : actor;

/** Replaces the actor remembered for a loaded person row (the rest of its request sees the new one). */
export const rememberActor = (user: AuthenticatedUser, actor: Actor): void => {
  actors.set(user, actor);
};
