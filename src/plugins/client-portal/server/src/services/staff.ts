import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  type AdminLink,
  type AdminUserOption,
  type PortalRoleType,
  type StaffCapabilities,
  type StaffPerson,
  type StaffSession,
} from '../../../shared/contracts';
import { adminActor, toActor, type Actor } from '../access/actor';
import { capabilities as capabilitiesOfActor, capabilitiesOf } from '../access/capabilities';
import { conflict } from '../errors';
import { getService } from '../utils/get-service';
import { roleIn, withMemberships } from '../utils/memberships';
import { rowsOf, type Row } from '../utils/rows';
import { ADMIN_USER, USER } from '../constants';

const SUPER_ADMIN = 'strapi-super-admin';
const SESSION_TTL_SECONDS = 15 * 60;
const STAFF_ROLES = ['owner', 'member'] as const satisfies readonly PortalRoleType[];
type StaffRole = (typeof STAFF_ROLES)[number];

/** The admin-panel user on an admin route (`ctx.state.user` of the admin strategy). */
export interface AdminUser {
  id: number;
  email: string;
  firstname?: string | null;
  lastname?: string | null;
  roles?: { code?: string | null }[] | null;
}

const ACTIVE_STAFF = {
  role: { type: { $in: STAFF_ROLES } },
  archivedAt: { $null: true },
  blocked: { $eq: false },
};
const PERSON_POPULATE = { role: { select: ['type'] }, company: { select: ['id'] } } as const;
/** An acting person's company comes with their project ids (`loadMemberships`). */
const ACTOR_POPULATE = { role: { select: ['type'] } } as const;

type PersonPopulate = typeof PERSON_POPULATE | typeof ACTOR_POPULATE;
/** A staff person (the role's type is one ACTIVE_STAFF matched); the company only with PERSON_POPULATE. */
type PersonRow = Row<typeof USER, { populate: PersonPopulate }> & { role: { type: StaffRole } };

/** ACTIVE_STAFF only finds staff roles; this tells the compiler (the schema lets a role's type be null). */
const isStaff = roleIn(STAFF_ROLES);

const isSuperAdmin = (admin: AdminUser) => (admin.roles ?? []).some((role) => role.code === SUPER_ADMIN);
const nameOf = (first?: string | null, last?: string | null, email = '') =>
  [first, last].filter(Boolean).join(' ') || email;

const NO_CAPABILITIES: StaffCapabilities = {
  logTime: false,
  approve: false,
  seeFinancials: false,
  manageInvoices: false,
  reports: false,
  managePeople: false,
  createProjects: false,
};

/**
 * Staff identity (docs/admin-panel.md#staff-identity): an admin-panel user acts in the plugin as one portal
 * person — the one linked to them on the People page, else the agency person with
 * the same email — under that person's rules. A super admin with no such person
 * acts as an Owner; any other admin is refused (403 ADMIN_NOT_LINKED).
 */
const staff = ({ strapi }: { strapi: Core.Strapi }) => {
  const findPerson = async (
    where: Record<string, unknown>,
    populate: PersonPopulate = PERSON_POPULATE
  ): Promise<PersonRow | null> => {
    const row = await rowsOf(strapi, USER).findOne({
      where: { ...ACTIVE_STAFF, ...where },
      populate,
      orderBy: [{ id: 'asc' }],
    });
    return row && isStaff(row) ? row : null;
  };

  const summarize = (row: PersonRow): StaffPerson => ({
    id: row.id,
    documentId: row.documentId,
    email: row.email,
    name: nameOf(row.firstName, row.lastName, row.email),
    role: row.role.type,
    canManageProjects: Boolean(row.canManageProjects),
    canManageFinances: Boolean(row.canManageFinances),
  });

  const capabilities = (actor: Actor): StaffCapabilities => {
    const can = capabilitiesOf(actor);
    return {
      logTime: can.logTime && actor.id > 0,
      approve: capabilitiesOfActor(actor).approve,
      seeFinancials: can.seeFinancials,
      manageInvoices: can.manageInvoices,
      reports: can.reports,
      managePeople: can.invitePeople,
      createProjects: can.createProjects,
    };
  };

  return {
    /** The person an admin acts as: the explicit link wins; the same email counts only while unlinked. */
    async linkedPerson(admin: AdminUser, populate: PersonPopulate = PERSON_POPULATE): Promise<PersonRow | null> {
      return (
        (await findPerson({ adminUserId: { $eq: admin.id } }, populate)) ??
        (await findPerson({ email: { $eqi: admin.email }, adminUserId: { $null: true } }, populate))
      );
    },

    /**
     * The actor of an admin route, or null when the admin may not act in the plugin.
     * Their company and project ids come in one statement (as for a signed-in person).
     */
    async actorFor(admin: AdminUser): Promise<Actor | null> {
      const person = await this.linkedPerson(admin, ACTOR_POPULATE);
      if (person) {
        const { rulesOff } = getService(strapi, 'settings').get();
        return toActor(await withMemberships(strapi, person, { rulesOn: !rulesOff }));
      }
      return isSuperAdmin(admin) ? adminActor(admin) : null;
    },

    async session(admin: AdminUser): Promise<StaffSession> {
      const linked = await this.linkedPerson(admin);
      const superAdmin = isSuperAdmin(admin);
      const person = linked ?? (superAdmin ? await findPerson({ role: { type: { $eq: 'owner' } } }) : null);
      const acting = linked ? 'linked' : superAdmin ? 'owner' : 'unlinked';
      if (!person) {
        return {
          acting,
          person: null,
          jwt: null,
          expiresAt: null,
          capabilities: superAdmin ? capabilities(adminActor(admin)) : NO_CAPABILITIES,
        };
      }
      const jwt = strapi
        .plugin('users-permissions')
        .service('jwt')
        .issue({ id: person.id }, { expiresIn: `${SESSION_TTL_SECONDS}s` }) as string;
      return {
        acting,
        person: summarize(person),
        jwt,
        expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000).toISOString(),
        capabilities: capabilities(toActor(person)!),
      };
    },

    async adminUsers(): Promise<AdminUserOption[]> {
      const rows = await rowsOf(strapi, ADMIN_USER).findMany({
        where: { isActive: true },
        select: ['id', 'email', 'firstname', 'lastname'],
        orderBy: [{ email: 'asc' }],
      });
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        name: nameOf(row.firstname, row.lastname, row.email),
      }));
    },

    /** Every agency person an admin acts as, and whether that admin holds Content Manager rights beyond the person's. */
    async links(): Promise<AdminLink[]> {
      const admins = await rowsOf(strapi, ADMIN_USER).findMany({
        where: { isActive: true },
        select: ['id', 'email', 'firstname', 'lastname'],
        populate: { roles: { select: ['id', 'code'] } },
      });
      const people = await rowsOf(strapi, USER).findMany({
        where: ACTIVE_STAFF,
        select: ['id', 'email', 'adminUserId'],
        populate: { role: { select: ['type'] } },
      });
      const explicit = new Map(people.filter((row) => row.adminUserId).map((row) => [row.adminUserId!, row]));
      const byEmail = new Map(people.filter((row) => !row.adminUserId).map((row) => [row.email.toLowerCase(), row]));
      const editorRoles = new Set(
        (
          await rowsOf(strapi, 'admin::permission').findMany({
            where: { action: { $startsWith: 'plugin::content-manager.explorer.' } },
            select: ['id'],
            populate: { role: { select: ['id'] } },
          })
        )
          .map((permission) => permission.role?.id)
          .filter((id): id is number => typeof id === 'number')
      );
      const links: AdminLink[] = [];
      for (const admin of admins) {
        const person = explicit.get(admin.id) ?? byEmail.get(admin.email.toLowerCase());
        if (!person) continue;
        const editor = admin.roles.some((role) => role.code === SUPER_ADMIN || editorRoles.has(role.id));
        links.push({
          personId: person.id,
          admin: { id: admin.id, email: admin.email, name: nameOf(admin.firstname, admin.lastname, admin.email) },
          via: explicit.has(admin.id) ? 'link' : 'email',
          contentManagerWithoutOwner: editor && person.role?.type !== 'owner',
        });
      }
      return links;
    },

    /** Owners link a person to an admin user (null unlinks); one person per admin. */
    async link(actor: Actor, personId: number, adminUserId: number | null): Promise<void> {
      if (!capabilitiesOfActor(actor).linkAdmins)
        throw new errors.ForbiddenError('Only an Owner links admin accounts to people');
      const person = await findPerson({ id: { $eq: personId } });
      if (!person) throw new errors.NotFoundError('No such agency person');
      if (adminUserId !== null) {
        const admin = await strapi.db.query(ADMIN_USER).findOne({ where: { id: adminUserId }, select: ['id'] });
        if (!admin) throw new errors.NotFoundError('No such admin user');
        const taken = await rowsOf(strapi, USER).findOne({
          where: { adminUserId: { $eq: adminUserId }, id: { $ne: personId } },
          select: ['id', 'email'],
        });
        if (taken)
          throw conflict(`That admin account already acts as ${taken.email}`, { code: 'ADMIN_ALREADY_LINKED' });
      }
      await strapi.db.query(USER).update({ where: { id: personId }, data: { adminUserId } });
    },
  };
};

export default staff;
