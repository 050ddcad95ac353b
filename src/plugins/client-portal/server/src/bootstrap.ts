import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS, PLUGIN_ID } from '../../shared/contracts';
import { currentScope } from './access/actor';
import { applyContentManagerViews } from './content-manager';
import { getService } from './utils/get-service';
import { installRowIndex } from './utils/row-index';
import { withMemberships } from './utils/memberships';

/** Serialises bootstrap across Strapi processes sharing one PostgreSQL database. */
const BOOTSTRAP_LOCK_KEY = 727_101;

const USER = 'plugin::users-permissions.user';
/** The users-permissions content-API handlers that read people. */
const USER_READ_HANDLERS = new Set(['user.find', 'user.findOne', 'user.count', 'user.me']);

const withBootstrapLock = async (strapi: Core.Strapi, work: () => Promise<void>) => {
  if (strapi.db.dialect.client !== 'postgres') return work();
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK_KEY]);
    await work();
  });
};

type Params = Record<string, unknown> | undefined;
type UserService = Record<'fetch' | 'fetchAll' | 'count', (...args: unknown[]) => Promise<unknown>>;

/**
 * users-permissions reads people with `strapi.db.query`, past the document
 * service: its /api/users* handlers get the same rules through its service.
 */
const guardPeopleReads = (strapi: Core.Strapi) => {
  const service = strapi.plugin('users-permissions').service('user') as UserService;
  const constrained = (params: Params) => {
    const ctx = strapi.requestContext.get();
    const route = ctx?.state?.route as { handler?: string; info?: { pluginName?: string; type?: string } } | undefined;
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

/**
 * The signed-in person as every request sees them: with their role and their
 * company (the rules need both) and the ids of their projects (the rules filter on
 * them), and nobody at all once archived, so an archived person's JWT stops working at once.
 */
const loadAuthenticatedPeople = (strapi: Core.Strapi) => {
  const service = strapi.plugin('users-permissions').service('user') as {
    fetchAuthenticatedUser: (id: unknown) => Promise<{ archivedAt?: string | null } | null>;
  };
  service.fetchAuthenticatedUser = async (id) => {
    const user = (await strapi.db.query(USER).findOne({ where: { id }, populate: { role: true } })) as {
      id: number;
      archivedAt?: string | null;
      company?: { id: number } | null;
    } | null;
    if (!user || user.archivedAt) return null;
    // The company and the project ids in the one statement the company populate took.
    return withMemberships(strapi, user);
  };
};

/** The admin-panel permissions of the plugin's section (Settings → Roles → Plugins → Client portal). */
const registerAdminPermissions = async (strapi: Core.Strapi) => {
  const labels: Record<(typeof ADMIN_ACTIONS)[keyof typeof ADMIN_ACTIONS], string> = {
    read: 'Read people, seats and budget access',
    'people.manage': 'Manage people and invitations',
    'budgets.manage': 'Manage budget access for clients',
    preview: 'View as client',
    'settings.manage': 'Manage settings',
  };
  await strapi.service('admin::permission').actionProvider.registerMany(
    Object.values(ADMIN_ACTIONS).map((uid) => ({
      section: 'plugins',
      displayName: labels[uid],
      uid,
      pluginName: PLUGIN_ID,
    }))
  );
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getService(strapi, 'settings').get();
  await registerAdminPermissions(strapi);
  getService(strapi, 'access').validateDeclarations();
  if (!config.rulesOff) guardPeopleReads(strapi);
  loadAuthenticatedPeople(strapi);
  await withBootstrapLock(strapi, async () => {
    // Triggers are (re)created by one instance at a time.
    getService(strapi, 'access').useRowIndex(await installRowIndex(strapi));
    const roles = getService(strapi, 'roles');
    await roles.ensurePortalRoles();
    await roles.disablePublicRegistration();
    await getService(strapi, 'people').ensureAgencyAndOwner(config);
  });
  // After the Content Manager's own bootstrap synced its configuration with the schemas.
  await applyContentManagerViews(strapi);
  getService(strapi, 'outbox').start();
  getService(strapi, 'lifecycle').markBooted();
};

export default bootstrap;
