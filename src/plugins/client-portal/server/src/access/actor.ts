import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
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

interface AuthenticatedUser {
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

/**
 * The acting person created a project in this request (they are always a member of
 * a project they create): later reads of the same request see it.
 */
export const joinedProject = (strapi: Core.Strapi, projectId: number): void => {
  const ctx = strapi.requestContext.get();
  if (!ctx || systemWork.getStore()) return;
  const add = (actor: Actor): Actor =>
    actor.projectIds && !actor.projectIds.includes(projectId)
      ? { ...actor, projectIds: Object.freeze([...actor.projectIds, projectId]) }
      : actor;
  const auth = ctx.state?.auth as { strategy?: { name?: string } } | undefined;
  if (auth?.strategy?.name === 'admin') {
    const staff = ctx.state?.portalActor as Actor | undefined;
    if (staff && staff.id > 0) ctx.state.portalActor = add(staff);
    return;
  }
  const user = ctx.state?.user as AuthenticatedUser | undefined;
  const actor = user ? toActor(user) : null;
  if (user && actor) actors.set(user, add(actor));
};

const systemWork = new AsyncLocalStorage<boolean>();

/**
 * Runs server-side work (seat counts, activity rows, invitations) with the rules
 * off, even inside a portal person's request. Callers check permissions first.
 */
export const runAsSystem = <T>(work: () => Promise<T>): Promise<T> => systemWork.run(true, work);

export type RequestScope =
  | { kind: 'system' }
  | { kind: 'admin' }
  | { kind: 'portal'; actor: Actor }
  | { kind: 'anonymous' };

/**
 * Who the current document-service call runs for. No request (bootstrap, scripts)
 * and admin-panel requests are not narrowed; a portal person is narrowed by the
 * rules; anyone else (public, a user without a portal role) sees nothing.
 */
export const currentScope = (strapi: Core.Strapi): RequestScope => {
  if (systemWork.getStore()) return { kind: 'system' };
  const ctx = strapi.requestContext.get();
  if (!ctx) return { kind: 'system' };
  const auth = ctx.state?.auth as { strategy?: { name?: string } } | undefined;
  if (auth?.strategy?.name === 'admin') {
    // A plugin admin route acting as a linked person runs under that person's rules (SPEC §9).
    const staff = ctx.state?.portalActor as Actor | undefined;
    return staff && staff.id > 0 ? { kind: 'portal', actor: staff } : { kind: 'admin' };
  }
  const user = ctx.state?.user as AuthenticatedUser | undefined;
  const actor = user ? toActor(user) : null;
  return actor ? { kind: 'portal', actor } : { kind: 'anonymous' };
};
