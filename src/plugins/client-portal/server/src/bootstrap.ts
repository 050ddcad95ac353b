import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

/** Serialises bootstrap across Strapi processes sharing one PostgreSQL database. */
const BOOTSTRAP_LOCK_KEY = 727_101;

const withBootstrapLock = async (strapi: Core.Strapi, work: () => Promise<void>) => {
  if (strapi.db.dialect.client !== 'postgres') return work();
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK_KEY]);
    await work();
  });
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getService(strapi, 'settings').get();
  await withBootstrapLock(strapi, async () => {
    const roles = getService(strapi, 'roles');
    await roles.ensurePortalRoles();
    await roles.disablePublicRegistration();
    await getService(strapi, 'people').ensureAgencyAndOwner(config);
  });
};

export default bootstrap;
