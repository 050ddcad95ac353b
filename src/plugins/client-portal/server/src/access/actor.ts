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
  /**
   * The people who share a project with the actor (the actor among them), loaded with
   * `projectIds` for requests that change no membership (`utils/memberships.ts`): the
   * people rule filters on these ids instead of joining projects. Absent: it joins.
   */
  colleagueIds?: readonly number[];
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

interface LoadedIds {
  projectIds: readonly number[];
  colleagueIds?: readonly number[];
}

/** Ids loaded with a person row (`withMemberIds`), kept beside it: the row itself is unchanged. */
const loadedIds = new WeakMap<object, LoadedIds>();

/** Records the ids of a loaded person's projects (and of their colleagues, when loaded), for `toActor`. */
export const withMemberIds = <T extends object>(
  person: T,
  projectIds: readonly number[],
  colleagueIds?: readonly number[]
): T => {
  loadedIds.set(person, {
    projectIds: Object.freeze([...projectIds]),
    ...(colleagueIds ? { colleagueIds: Object.freeze([...colleagueIds]) } : {}),
  });
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

/** The actor of a person row, remembered nowhere: `toActor` once the row's ids are loaded. */
export const buildActor = (user: AuthenticatedUser): Actor | null => {
  const role = user.role?.type;
  if (!isPortalRoleType(role)) return null;
  const company = typeof user.company === 'object' ? (user.company?.id ?? null) : (user.company ?? null);
  const loaded = loadedIds.get(user);
  return {
    id: user.id,
    documentId: user.documentId ?? '',
    role,
    companyId: company,
    canManageProjects: role === 'member' && Boolean(user.canManageProjects),
    canManageFinances: role === 'member' && Boolean(user.canManageFinances),
    clientManager: isClientRole(role) && Boolean(user.clientManager),
    ...loaded,
  };
};

/**
 * The same actor with one more project: who creates a project is always one of its
 * members. Its other members are new colleagues the loaded ids do not name: drop them.
 */
export const withJoinedProject = (actor: Actor, projectId: number): Actor => {
  if (!actor.projectIds || actor.projectIds.includes(projectId)) return actor;
  const joined: Actor = { ...actor, projectIds: Object.freeze([...actor.projectIds, projectId]) };
  delete joined.colleagueIds;
  return joined;
};

/** Replaces the actor remembered for a loaded person row (the rest of its request sees the new one). */
export const rememberActor = (user: AuthenticatedUser, actor: Actor): void => {
  actors.set(user, actor);
};
