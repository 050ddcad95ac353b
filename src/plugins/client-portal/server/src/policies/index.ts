import canChangeSettings from './can-change-settings';
import isPeopleManager from './is-people-manager';
import isPortalPerson from './is-portal-person';
import isStaff from './is-staff';

/**
 * Route guards (docs/http-api.md), named in the routes' `config.policies` as
 * `plugin::client-portal.<name>`. Each resolves the Actor the request runs as and leaves it on
 * `ctx.state.portalActor` for the handlers (`actorOf`). They refuse by throwing Strapi's errors,
 * never by returning false (a 403 "Policy Failed"). Strapi's authorize step answers an
 * UnauthorizedError or ForbiddenError thrown after it (by a policy or a handler alike) with its
 * bare 401 "Unauthorized" / 403 "Forbidden"; only a PolicyError keeps its message and details
 * (`notLinked` in actor.ts). Checks that depend on the row stay in the services.
 */
export default {
  'is-portal-person': isPortalPerson,
  'is-staff': isStaff,
  'is-people-manager': isPeopleManager,
  'can-change-settings': canChangeSettings,
};
