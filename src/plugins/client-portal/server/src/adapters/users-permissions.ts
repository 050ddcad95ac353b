import { createSecretKey } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { currentRoute, currentScope } from './request-scope';
import { USER } from '../constants';
import { RATE_LIMIT } from '../middlewares/rate-limit';
import { getService } from '../utils/get-service';
import { withSignedIn } from '../utils/memberships';

/**
 * Every change the plugin makes to users-permissions, in one place: its account routes
 * (sign-in, forgot and reset password) answered the plugin's way, its people reads under
 * the rules, and the signed-in person loaded with what the rules need
 * (docs/roles-and-capabilities.md, docs/http-api.md).
 */

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
type RouteMiddleware = string | Middleware | { name: string; config?: unknown };
type MiddlewareFactory = (config: unknown, options: { strapi: Core.Strapi }) => Middleware;
type Controller = Record<string, (ctx: Context) => Promise<unknown>>;
type Params = Record<string, unknown> | undefined;

const JWT_SECRET = 'plugin::users-permissions.jwtSecret';

/** One of users-permissions' content-API routes; a missing one is a startup error, not a silent gap. */
export const usersPermissionsRoute = (strapi: Core.Strapi, method: string, path: string): Core.Route => {
  const routes = (strapi.plugin('users-permissions').routes as Record<string, { routes: Core.Route[] }>)['content-api']
    .routes;
  const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`users-permissions route ${method} ${path} not found`);
  return route;
};

/**
 * A users-permissions route as one function: its middlewares in order (rate limit, then the
 * plugin's), then its handler. Resolved once; the route must already be patched (register).
 */
export const routeChain = (strapi: Core.Strapi, method: string, path: string): Middleware => {
  const route = usersPermissionsRoute(strapi, method, path);
  const middlewares = ((route.config?.middlewares ?? []) as RouteMiddleware[]).map((middleware) => {
    if (typeof middleware === 'function') return middleware;
    const { name, config = {} } = typeof middleware === 'string' ? { name: middleware } : middleware;
    return (strapi.middleware(name) as unknown as MiddlewareFactory)(config, { strapi });
  });
  const [controller, action] = String(route.handler).split('.');
  const handler: Middleware = (context) =>
    (strapi.plugin('users-permissions').controller(controller) as Controller)[action](context);
  const chain = [...middlewares, handler];
  return async (ctx) => {
    const run = async (index: number): Promise<void> => {
      const next = chain[index];
      if (next) await next(ctx, () => run(index + 1));
    };
    await run(0);
  };
};

const SIGN_IN_FAILED = 'Invalid identifier or password';
/** users-permissions' own sign-in refusals that would tell an account's state. */
const STATE_REFUSALS = new Set([
  'Your account email is not confirmed',
  'Your account has been blocked by an administrator',
]);
/** A bcrypt hash (cost 10, as users-permissions hashes) of a random secret nobody knows. */
const NOBODYS_HASH = '$2a$10$0AHNmpKP4lwnkDShAFtiBu4b8wTnL8rAdLEOzlY31ehduLRBeX66.';

// The global `strapi` in these route middlewares: route definitions are module state shared by
// every Strapi booted in this process.

/**
 * A refused sign-in never tells whether the account exists, is archived or is blocked: always
 * the 400 of a wrong password, after the same password hashing work. Archived and blocked
 * people cannot sign in.
 */
const uniformSignInFailure = async (ctx: Context, next: Next) => {
  const body = (ctx.request as { body?: { identifier?: unknown; password?: unknown } }).body;
  // A missing or empty field is left to users-permissions' own 400 naming it.
  if (typeof body?.identifier === 'string' && body.identifier && typeof body.password === 'string' && body.password) {
    const person = (await strapi.db.query(USER).findOne({
      where: { provider: 'local', $or: [{ email: body.identifier.toLowerCase() }, { username: body.identifier }] },
      select: ['id', 'password', 'blocked', 'archivedAt'],
    })) as { password?: string | null; blocked?: boolean | null; archivedAt?: string | null } | null;
    if (!person?.password || person.blocked || person.archivedAt) {
      await strapi
        .plugin('users-permissions')
        .service('user')
        .validatePassword(body.password, person?.password ?? NOBODYS_HASH);
      throw new errors.ValidationError(SIGN_IN_FAILED);
    }
  }
  try {
    await next();
  } catch (error) {
    if (error instanceof errors.ApplicationError && STATE_REFUSALS.has(error.message)) {
      throw new errors.ValidationError(SIGN_IN_FAILED);
    }
    throw error;
  }
};

/**
 * users-permissions' forgot-password and reset-password, answered by the plugin
 * (controllers/accounts.ts): its own actions never run (they would write through
 * the rules, tell which emails have accounts and keep codes that never expire).
 */
const accountsController = () =>
  strapi.plugin('client-portal').controller('accounts') as Record<
    'forgotPassword' | 'resetPassword',
    (ctx: Context) => Promise<void>
  >;
const forgotPassword = (ctx: Context) => accountsController().forgotPassword(ctx);
const resetPassword = (ctx: Context) => accountsController().resetPassword(ctx);

/** users-permissions' own limiter (in-process memory); the plugin's (RATE_LIMIT) counts instead. */
const USERS_PERMISSIONS_RATE_LIMIT = 'plugin::users-permissions.rateLimit';

const isRateLimit = (middleware: unknown) => {
  const name = typeof middleware === 'object' && middleware ? (middleware as { name?: unknown }).name : middleware;
  return name === USERS_PERMISSIONS_RATE_LIMIT || name === RATE_LIMIT;
};

/**
 * Register phase: the account routes. The plugin's rate limit (shared by every instance
 * through Redis) runs first, in place of users-permissions' (which would also count, in each
 * process's memory). GraphQL's account mutations run these same chains (adapters/graphql.ts),
 * so they share the counters.
 */
export const patchAccountRoutes = (strapi: Core.Strapi): void => {
  const patch = (method: string, path: string, middleware: Middleware) => {
    const route = usersPermissionsRoute(strapi, method, path);
    const others = (route.config?.middlewares ?? []).filter((entry) => !isRateLimit(entry) && entry !== middleware);
    route.config = { ...route.config, middlewares: [RATE_LIMIT, ...others, middleware] };
  };
  patch('POST', '/auth/local', uniformSignInFailure);
  patch('POST', '/auth/forgot-password', forgotPassword);
  patch('POST', '/auth/reset-password', resetPassword);
};

/** The users-permissions content-API handlers that read people. */
const USER_READ_HANDLERS = new Set(['user.find', 'user.findOne', 'user.count', 'user.me']);

type UserService = Record<'fetch' | 'fetchAll' | 'count', (...args: unknown[]) => Promise<unknown>>;

/**
 * users-permissions reads people with `strapi.db.query`, past the document
 * service: its /api/users* handlers get the same rules through its service.
 */
const guardPeopleReads = (strapi: Core.Strapi) => {
  const service = strapi.plugin('users-permissions').service('user') as UserService;
  const constrained = (params: Params) => {
    const route = currentRoute(strapi);
    const scope = currentScope(strapi);
    const guarded =
      route?.info?.pluginName === 'users-permissions' &&
      route.info.type === 'content-api' &&
      USER_READ_HANDLERS.has(String(route.handler));
    if (!guarded || scope.kind !== 'portal') return params;
    return getService(strapi, 'access')
      .for(scope.actor)
      .constrainRead(USER, params ?? {}, {
        selfProfile: route?.handler === 'user.me',
      });
  };
  const { fetch, fetchAll, count } = service;
  service.fetch = (id, params) => fetch.call(service, id, constrained(params as Params));
  service.fetchAll = (params) => fetchAll.call(service, constrained(params as Params));
  service.count = (params) => count.call(service, constrained(params as Params));
};

/** The actions of the role loaded with a request's person, until users-permissions asks for them. */
const loadedActions = new WeakMap<object, { roleId: number; actions: string[] }>();

/**
 * The signed-in person as every request sees them: with their role and their
 * company (the rules need both) and the ids of their projects (the rules filter on
 * them), and nobody at all once archived, so an archived person's JWT stops working at once.
 * Two statements: the row, then the role, its actions and the memberships together
 * (users-permissions alone would take four for the row, the role and its permissions).
 */
const loadAuthenticatedPeople = (strapi: Core.Strapi, { rulesOff }: { rulesOff: boolean }) => {
  const users = strapi.plugin('users-permissions').service('user') as {
    fetchAuthenticatedUser: (id: unknown) => Promise<object | null>;
  };
  const permissions = strapi.plugin('users-permissions').service('permission') as {
    findRolePermissions: (roleId: unknown) => Promise<{ action: string }[]>;
  };
  users.fetchAuthenticatedUser = async (id) => {
    const user = (await strapi.db.query(USER).findOne({ where: { id } })) as {
      id: number;
      archivedAt?: string | null;
    } | null;
    if (!user || user.archivedAt) return null;
    const { person, actions } = await withSignedIn(strapi, user, { rulesOn: !rulesOff });
    const ctx = strapi.requestContext.get();
    if (ctx && person.role) loadedActions.set(ctx, { roleId: person.role.id, actions });
    return person;
  };
  // users-permissions asks for the role's permissions right after loading the person (its
  // strategy builds the request's ability from them): they came in the person's statement.
  const { findRolePermissions } = permissions;
  permissions.findRolePermissions = async (roleId) => {
    const ctx = strapi.requestContext.get();
    const loaded = ctx ? loadedActions.get(ctx) : undefined;
    if (ctx && loaded && loaded.roleId === Number(roleId)) {
      loadedActions.delete(ctx);
      return loaded.actions.map((action) => ({ action }));
    }
    return findRolePermissions.call(permissions, roleId);
  };
};

/**
 * The JWT secret as a key object, the same key: given a string, jsonwebtoken first tries
 * it as a PEM public key and throws (about 0.7 ms of every signed-in request) before it
 * uses it as the HMAC key it is. After users-permissions' bootstrap, which may create it.
 */
const keepJwtSecretAsKey = (strapi: Core.Strapi) => {
  const secret: unknown = strapi.config.get(JWT_SECRET);
  if (typeof secret === 'string' && secret) strapi.config.set(JWT_SECRET, createSecretKey(Buffer.from(secret)));
};

/** Bootstrap phase: users-permissions' services, once they exist. */
export const patchUserServices = (strapi: Core.Strapi, { rulesOff }: { rulesOff: boolean }): void => {
  if (!rulesOff) guardPeopleReads(strapi);
  loadAuthenticatedPeople(strapi, { rulesOff });
  keepJwtSecretAsKey(strapi);
};
