import type { Core } from '@strapi/strapi';
import { PORTAL_ROLES, PORTAL_ROLE_TYPES, type PortalRoleType } from '../../../shared/contracts';
import { contentApiPermissions, pluginRouteActions } from '../access/permissions';
import type { ModelInfo } from '../access/rules';
import { getService } from '../utils/get-service';
import { rowsOf } from '../utils/rows';
import { PERMISSION, ROLE } from '../constants';

/**
 * Creates the portal roles and sets their content-API permissions to exactly the
 * declared set, idempotently: a second boot neither duplicates roles nor keeps
 * permissions someone added by hand (default deny).
 */
const roles = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensurePortalRoles(): Promise<Record<PortalRoleType, number>> {
    const ids = {} as Record<PortalRoleType, number>;
    for (const type of PORTAL_ROLE_TYPES) {
      const definition = PORTAL_ROLES[type];
      const role =
        (await rowsOf(strapi, ROLE).findOne({ where: { type } })) ??
        (await rowsOf(strapi, ROLE).create({
          data: { type, name: definition.name, description: definition.description },
        }));
      ids[type] = role.id;
      await this.setPermissions(role.id, this.permissionsOf(type));
    }
    return ids;
  },

  /** The role's content-API actions, derived from the declared rules of every type. */
  permissionsOf(type: PortalRoleType): string[] {
    const access = getService(strapi, 'access');
    const models = Object.keys(strapi.contentTypes)
      .map((uid) => access.model(uid))
      .filter((model): model is ModelInfo => model !== undefined);
    const routes = (strapi.plugin('client-portal').routes as Record<string, { routes: Core.RouteInput[] }>)[
      'content-api'
    ].routes;
    return contentApiPermissions(type, models, access.model, pluginRouteActions(routes));
  },

  async setPermissions(roleId: number, wanted: readonly string[]): Promise<void> {
    const current = await rowsOf(strapi, PERMISSION).findMany({
      where: { role: { id: roleId } },
      select: ['id', 'action'],
    });
    const have = new Set(current.map((permission) => permission.action));
    const extra = current.filter((permission) => !wanted.includes(permission.action));
    if (extra.length > 0) {
      await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
    }
    for (const action of wanted.filter((action) => !have.has(action))) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: roleId } });
    }
  },

  async roleIdOf(type: PortalRoleType): Promise<number> {
    const role = await rowsOf(strapi, ROLE).findOne({ where: { type } });
    if (!role) throw new Error(`The portal role "${type}" does not exist yet`);
    return role.id;
  },

  /** People join by invitation: public registration is switched off. */
  async disablePublicRegistration(): Promise<void> {
    const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
    const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
    if (advanced.allow_register !== false || advanced.default_role !== 'client') {
      await store.set({ value: { ...advanced, allow_register: false, default_role: 'client' } });
    }
  },
});

export default roles;
