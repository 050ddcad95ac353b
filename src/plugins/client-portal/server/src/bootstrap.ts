import type { Core } from '@strapi/strapi';
import { skipApiTokenLookupForJwts } from './adapters/api-tokens';
import { countLedgersInEventPayloads } from './adapters/event-payloads';
import { registerRowHandoff } from './adapters/row-handoff';
import { ADMIN_ACTIONS, PLUGIN_ID } from '../../shared/contracts';
import { patchUserServices } from './adapters/users-permissions';
import { applyContentManagerViews } from './content-manager';
import { withAdvisoryLock } from './utils/advisory-lock';
import { getService } from './utils/get-service';
import { installRowIndex } from './utils/row-index';

/** Serialises bootstrap across processes on PostgreSQL; on SQLite it runs as before, outside a transaction. */
const withBootstrapLock = async (strapi: Core.Strapi, work: () => Promise<void>) =>
  strapi.db.dialect.client === 'postgres' ? withAdvisoryLock(strapi, 'bootstrap', work) : work();

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
  // The database half of the access-rules middleware (adapters/row-handoff.ts).
  if (!config.rulesOff) registerRowHandoff(strapi);
  patchUserServices(strapi, config);
  skipApiTokenLookupForJwts(strapi);
  countLedgersInEventPayloads(strapi);
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
  getService(strapi, 'schedules').start();
  getService(strapi, 'lifecycle').markBooted();
};

export default bootstrap;
