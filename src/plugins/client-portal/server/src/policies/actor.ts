import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { toActor, type Actor, type AuthenticatedUser } from '../access/actor';
import { isAdminRequest } from '../adapters/request-scope';
import type { AdminUser } from '../services/staff';
import { getService } from '../utils/get-service';
import { STAFF_CODES } from '../../../shared/contracts';

export const NOT_LINKED_MESSAGE =
  'Your admin account is not linked to a person of the agency: ask an Owner to link it on People & seats';

/**
 * What the route policies read and write on `ctx.state`. `portalActor` is the Actor the request
 * runs as: set by the policies below, read by the handlers (`actorOf` in controllers/actor.ts) and,
 * on the admin routes, by the document-service rules (adapters/request-scope.ts).
 */
export interface PortalState {
  user?: unknown;
  auth?: { strategy?: { name?: string } };
  portalActor?: Actor;
}

/** A Strapi policy of this plugin: registered in policies/index.ts, named in a route's `config.policies`. */
export type PortalPolicy = (
  policyContext: Core.PolicyContext,
  config: unknown,
  context: { strapi: Core.Strapi }
) => Promise<boolean>;

const stateOf = (policyContext: Core.PolicyContext) => (policyContext as unknown as { state: PortalState }).state;

/**
 * The admin acts as nobody (docs/admin-panel.md#staff-identity). Strapi's `authorize` step turns
 * any ForbiddenError thrown after it into a bare 403 "Forbidden" without details, but lets a
 * PolicyError through: this one is a PolicyError named like the ForbiddenError the client expects,
 * so the body keeps its message and `details.code`.
 */
const notLinked = () => {
  const error = new errors.PolicyError(NOT_LINKED_MESSAGE, { code: STAFF_CODES.notLinked });
  (error as Error).name = 'ForbiddenError';
  return error;
};

/**
 * The Actor the request runs as, resolved once and left on `ctx.state.portalActor`: the signed-in
 * portal person, or on the admin routes the person the admin acts as. 401 without a user, 403 for
 * a user without a portal role or an admin linked to nobody.
 */
export const resolveActor = async (policyContext: Core.PolicyContext, strapi: Core.Strapi): Promise<Actor> => {
  const state = stateOf(policyContext);
  if (state.portalActor) return state.portalActor;
  const user = state.user;
  if (!user) throw new errors.UnauthorizedError('Sign in first');
  // The admin routes are guarded by the plugin's admin permissions first; then whom the admin acts as.
  const admin = isAdminRequest(state);
  const actor = admin
    ? await getService(strapi, 'staff').actorFor(user as AdminUser)
    : toActor(user as AuthenticatedUser);
  if (!actor) {
    if (admin) throw notLinked();
    throw new errors.ForbiddenError('This endpoint is for portal people');
  }
  state.portalActor = actor;
  return actor;
};
