import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { currentScope, joinedProject, type Actor } from './access/actor';
import { registerMoneyField } from './content-manager';
import { NOTHING } from './access/rules';
import { isLoggedType } from './services/time';
import { getService } from './utils/get-service';
import { addRowIndexColumns } from './utils/row-index';
import { protectGraphQL } from './adapters/graphql';
import { RATE_LIMIT } from './middlewares/rate-limit';
import { singleReference, whereOf } from './utils/references';

const USER = 'plugin::users-permissions.user';
const PROJECT = 'api::project.project';
const INVOICE = 'api::invoice.invoice';
const BUDGET = 'api::budget.budget';
const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const WRITES = new Set(['create', 'update', 'delete']);

type Params = Record<string, unknown>;

/** Who creates a project leads it (unless a leader is named) and is always a member (SPEC §3). */
const asLeaderAndMember = (actor: Actor, data: Params): Params => {
  const members = data.members;
  const listed = Array.isArray(members) ? members : members === undefined ? [] : null;
  return {
    leader: data.leader ?? actor.documentId,
    members: listed
      ? [...listed, actor.documentId]
      : {
          ...(members as Params),
          connect: [...(((members as Params).connect as unknown[] | undefined) ?? []), actor.documentId],
        },
  };
};

/** Attributes the server fills with the acting person on create. */
const AUTHOR_FIELDS = ['author', 'creator'];

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
 * A refused sign-in never tells whether the account exists, is archived or is blocked
 * (SPEC §8): always the 400 of a wrong password, after the same password hashing work.
 * Archived and blocked people cannot sign in.
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
 * users-permissions' auth routes as SPEC §8 "Accounts" wants them. The plugin's rate limit
 * (shared by every instance through Redis, SPEC §11) runs first, in place of users-permissions'
 * (which would also count, in each process's memory). GraphQL's account mutations run these
 * same middlewares (adapters/graphql.ts), so they share the counters.
 */
const patchAuthRoutes = (strapi: Core.Strapi) => {
  const routes = (strapi.plugin('users-permissions').routes as Record<string, { routes: Core.Route[] }>)['content-api']
    .routes;
  const patch = (method: string, path: string, middleware: (ctx: Context, next: Next) => Promise<void>) => {
    const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
    if (!route) throw new Error(`users-permissions route ${method} ${path} not found`);
    const others = (route.config?.middlewares ?? []).filter((entry) => !isRateLimit(entry) && entry !== middleware);
    route.config = { ...route.config, middlewares: [RATE_LIMIT, ...others, middleware] };
  };
  patch('POST', '/auth/local', uniformSignInFailure);
  patch('POST', '/auth/forgot-password', forgotPassword);
  patch('POST', '/auth/reset-password', resetPassword);
};

/**
 * The adapters: every way data leaves or enters through the content API asks
 * the access service, which asks the pure rules.
 */
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Before Strapi swaps custom fields for their data type (right after every register).
  registerMoneyField(strapi);
  addRowIndexColumns(strapi);
  patchAuthRoutes(strapi);
  // Before the upload plugin's bootstrap asks whether its provider is private (it then signs file URLs).
  getService(strapi, 'files').usePrivateStorage();

  // Seats: an admin-panel edit of a person (role change, unblock, unarchive) is checked like any other.
  strapi.documents.use(async (context, next) => {
    const adding = context.uid === USER && (context.action === 'create' || context.action === 'update');
    if (!adding || currentScope(strapi).kind !== 'admin') return next();
    return getService(strapi, 'seats').withSeatCheck(async () => next());
  });

  if (getService(strapi, 'settings').get().rulesOff) {
    strapi.log.warn('[client-portal] PORTAL_RULES_OFF: access rules are OFF (benchmark mode)');
  } else {
    installRules(strapi);
  }

  // Time and expenses (SPEC §5), after the rules: only writes they accepted get snapshots and states.
  strapi.documents.use(async (context, next) => {
    const uid = context.uid as string;
    if (isLoggedType(uid) && WRITES.has(context.action)) {
      await getService(strapi, 'time').beforeWrite(currentScope(strapi), uid, context.action, context.params as Params);
    }
    return next();
  });

  // Defaults an admin sets (Settings): new projects' currency and time approval; a budget takes its project's currency.
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'create' || (context.uid !== PROJECT && context.uid !== BUDGET)) return next();
    const params = context.params as Params;
    const data = (params.data ?? {}) as Params;
    if (context.uid === PROJECT) {
      const defaults = await getService(strapi, 'settings').current();
      data.currency ??= defaults.defaultCurrency;
      data.requireTimeApproval ??= defaults.requireTimeApprovalByDefault;
    } else if (data.currency === undefined) {
      const reference = singleReference(data.project);
      const project = reference
        ? ((await strapi.db.query(PROJECT).findOne({ where: whereOf(reference), select: ['currency'] })) as {
            currency: string;
          } | null)
        : null;
      if (project) data.currency = project.currency;
    }
    params.data = data;
    return next();
  });

  // Invoices (SPEC §6): once issued, nothing changes them but the invoice actions; a draft's
  // totals are always the sum of its lines, also when written through REST or the Content Manager.
  strapi.documents.use(async (context, next) => {
    const scope = currentScope(strapi).kind;
    if (context.uid !== INVOICE || (scope !== 'portal' && scope !== 'admin')) return next();
    const invoicing = getService(strapi, 'invoicing');
    const params = context.params as Params;
    const documentId = params.documentId === undefined ? undefined : String(params.documentId);
    if (context.action === 'update' || context.action === 'delete') await invoicing.assertEditable(String(documentId));
    if (
      (context.action === 'create' || context.action === 'update') &&
      params.data &&
      typeof params.data === 'object'
    ) {
      params.data = await invoicing.withTotals(documentId, params.data as Params);
    }
    return next();
  });

  // Project items (SPEC §7): trash instead of delete; activity and mails in the same transaction.
  strapi.documents.use(async (context, next) => {
    const scope = currentScope(strapi);
    const uid = context.uid as string;
    const applies =
      WRITES.has(context.action) &&
      (scope.kind === 'portal' || scope.kind === 'admin') &&
      Boolean(getService(strapi, 'activity').projectItem(uid));
    if (!applies) return next();
    const collaboration = getService(strapi, 'collaboration');
    const result = await strapi.db.transaction(async () => {
      const written = await collaboration.write(scope, uid, context.action, context.params as Params, () => next());
      await collaboration.notify(written.notifications);
      return written.result;
    });
    return result as Awaited<ReturnType<typeof next>>;
  });
};

/** The access rules' adapters: document service, output sanitizer, GraphQL's nested relations. */
const installRules = (strapi: Core.Strapi) => {
  const access = (actor: Actor) => getService(strapi, 'access').for(actor);
  protectGraphQL(strapi);

  // 1. Document service: main query, populate, relation filters, counts, writes.
  strapi.documents.use(async (context, next) => {
    const scope = currentScope(strapi);
    if (scope.kind === 'system' || scope.kind === 'admin') return next();
    const params = (context.params ?? {}) as Params;
    if (scope.kind === 'anonymous') {
      if (!READS.has(context.action)) throw new errors.ForbiddenError('Forbidden');
      context.params = { ...params, filters: NOTHING } as typeof context.params;
      return next();
    }
    const { actor } = scope;
    const uid = context.uid as string;
    if (READS.has(context.action)) {
      context.params = access(actor).constrainRead(uid, params) as typeof context.params;
      return next();
    }
    await guardWrite(actor, uid, context.action, params);
    const shaped = access(actor).constrainRead(uid, { populate: params.populate, fields: params.fields });
    context.params = { ...params, populate: shaped.populate, fields: shaped.fields } as typeof context.params;
    const result = await next();
    // The creator is a member (asLeaderAndMember): the rest of the request sees the new project.
    const created = (result as { id?: unknown } | null)?.id;
    if (uid === PROJECT && context.action === 'create' && typeof created === 'number') joinedProject(strapi, created);
    return result;
  });

  const guardWrite = async (actor: Actor, uid: string, action: string, params: Params) => {
    const service = access(actor);
    const data = (params.data ?? {}) as Params;
    switch (action) {
      case 'create': {
        service.assertAction(uid, 'create');
        await service.assertWritableData(uid, data);
        const attributes = getService(strapi, 'access').model(uid)?.attributes ?? {};
        for (const field of AUTHOR_FIELDS) {
          if (attributes[field]?.target === USER) data[field] = actor.documentId;
        }
        if (uid === PROJECT) Object.assign(data, asLeaderAndMember(actor, data));
        params.data = data;
        return;
      }
      case 'update':
        service.assertAction(uid, 'update');
        await service.assertEditable(uid, String(params.documentId));
        await service.assertWritableData(uid, data);
        return;
      case 'delete':
        service.assertAction(uid, 'delete');
        await service.assertEditable(uid, String(params.documentId));
        return;
      default:
        throw new errors.ForbiddenError('Forbidden');
    }
  };

  // 2. Output: the second line of defence, at every depth of every content-API response.
  const outputSanitizer = (schema: { uid: string }) => async (data: unknown) => {
    const scope = currentScope(strapi);
    if (scope.kind !== 'portal') return data;
    const route = strapi.requestContext.get()?.state?.route as
      | { handler?: string; info?: { pluginName?: string } }
      | undefined;
    const selfProfile =
      schema.uid === USER && route?.info?.pluginName === 'users-permissions' && route.handler === 'user.me';
    return access(scope.actor).sanitizeOutput(schema.uid, data, { selfProfile });
  };
  // Strapi types sanitizers as lodash-curried functions; a plain unary function is what it calls.
  strapi.sanitizers.add(
    'content-api.output',
    outputSanitizer as unknown as Parameters<typeof strapi.sanitizers.add>[1]
  );
};

export default register;
