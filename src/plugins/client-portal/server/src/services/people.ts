import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { getService } from '../utils/get-service';

const USER_UID = 'plugin::users-permissions.user';
const COMPANY_UID = 'api::company.company';

interface UserRow {
  id: number;
  email: string;
  role?: { type?: string } | null;
}

/**
 * The first Owner (SPEC §2): when no person holds the Owner role and
 * PORTAL_OWNER_EMAIL/PASSWORD are set, create the agency company and that Owner.
 */
const people = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureAgencyAndOwner(config: PluginConfig): Promise<void> {
    if (!config.ownerEmail) return;
    const ownerRoleId = await getService(strapi, 'roles').roleIdOf('owner');
    const owners = await strapi.db.query(USER_UID).count({ where: { role: { id: ownerRoleId } } });
    if (owners > 0) return;

    const agency = await this.ensureAgency(config.agencyName);
    const existing = (await strapi.db
      .query(USER_UID)
      .findOne({ where: { email: config.ownerEmail }, populate: ['role'] })) as UserRow | null;

    if (existing) {
      // The operator named an existing person as Owner: promote, keep their password.
      await strapi.db.query(USER_UID).update({
        where: { id: existing.id },
        data: { role: ownerRoleId, company: agency.id, confirmed: true, blocked: false, archivedAt: null },
      });
      strapi.log.info(`[client-portal] promoted ${config.ownerEmail} to Owner`);
      return;
    }

    await strapi.plugin('users-permissions').service('user').add({
      username: config.ownerEmail,
      email: config.ownerEmail,
      password: config.ownerPassword,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: ownerRoleId,
      company: agency.id,
      language: 'en',
    });
    strapi.log.info(`[client-portal] created the first Owner ${config.ownerEmail}`);
  },

  async ensureAgency(name: string): Promise<{ id: number }> {
    const agency = (await strapi.db.query(COMPANY_UID).findOne({ where: { isAgency: true } })) as { id: number } | null;
    if (agency) return agency;
    const created = await strapi.documents(COMPANY_UID).create({ data: { name, isAgency: true } });
    return { id: created.id as number };
  },
});

export default people;
